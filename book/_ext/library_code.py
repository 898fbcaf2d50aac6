"""Library code included without its docstrings, where the book's language is not theirs.

The pages show ``dlopt``'s real code with ``literalinclude`` and ``:pyobject:`` (never a
retyped copy). Its docstrings are English and written for the API reference (reST roles,
``.. math::``, doctests), so in the Bulgarian book they are noise in a Bulgarian text that
explains the same code. With ``book_library_docstrings = False`` (conf.py, for ``bg``) an
included object keeps its code — signature, body, comments — and loses the docstrings of
itself and of the functions and classes inside it. Partial includes (``:start-at:`` inside a
body) hold no docstring and come back as they are.
"""

from __future__ import annotations

import ast
import textwrap

from docutils import nodes
from sphinx.directives.code import LiteralInclude


def without_docstrings(code: str) -> str:
    """``code`` (one function or class, possibly indented) without its docstrings; the
    code itself when it does not parse or a body would be left empty.

    >>> print(without_docstrings('''    def f(x):
    ...         \"\"\"Twice x.
    ...
    ...         >>> f(2)
    ...         4
    ...         \"\"\"
    ...         return 2 * x  # doubled'''))
        def f(x):
            return 2 * x  # doubled
    """
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return code
    lines = code.split("\n")
    drop: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        first = node.body[0]
        is_docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str)
        if is_docstring and len(node.body) > 1:
            drop.update(range(first.lineno - 1, first.end_lineno))
            after = first.end_lineno  # a blank line after the docstring goes with it
            if after < len(lines) and not lines[after].strip():
                drop.add(after)
    return "\n".join(line for number, line in enumerate(lines) if number not in drop)


class LibraryInclude(LiteralInclude):
    """``literalinclude`` that drops the docstrings of a ``:pyobject:`` when configured."""

    def run(self):
        result = super().run()
        config = self.state.document.settings.env.config
        if config.book_library_docstrings or "pyobject" not in self.options:
            return result
        for node in result:
            for block in node.findall(nodes.literal_block):
                if block.rawsource == block.astext():
                    text = without_docstrings(block.astext())
                    block.rawsource = text
                    block.children = [nodes.Text(text)]
        return result


def setup(app):
    app.add_config_value("book_library_docstrings", True, "env", types=[bool])
    app.add_directive("literalinclude", LibraryInclude, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
