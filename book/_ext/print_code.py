"""Code in the PDF fits the page: no line is wider than the text block, no token is broken.

On the site a long code line scrolls inside its box; on paper LaTeX can only wrap it
(``init_scale=3.`` on one line, ``0`` on the next) or let it run into the margin. So before
the LaTeX writer sees a code block, this extension lays it out for the page:

1. Every block is set in the code font of the print edition, in which ``WIDTH`` characters
   fit the text block (``FVSET``, which conf.py puts into ``latex_elements``).
2. Python lines longer than ``WIDTH`` are reformatted for that width (:func:`fit_python`):
   a long comment becomes several comment lines, a long statement is formatted by
   ``ruff format`` (pinned in requirements.txt), and a string literal that is still too long
   is split into two adjacent literals, which Python joins back into one. The result must
   parse to the same syntax tree as the original, or the block is left as it was: the
   printed code is the program of the page, laid out for paper. Lines that fit are not
   touched.
3. A block whose lines are still too long (a printed table, a string that cannot be split)
   is set in a smaller font, just small enough for its longest line, down to
   ``SMALLEST_PT``. Output lines longer than that are wrapped at spaces, with an indent.
   Code that would need a smaller font is a warning (an error in the book's ``-W`` build)
   naming its page: shorten that line in the page.

The site is not touched: only the latex builder's doctree changes.
"""

from __future__ import annotations

import ast
import re
import subprocess
import textwrap
from functools import cache

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The monospace font: DejaVu Sans Mono (conf.py), scaled to the x-height of the text font.
MONO_SCALE = 0.85
#: The code font of the printed book (points, as printed) and the characters that fit a line:
#: the text block of A4 with 1in margins (450.7pt) less the frame and padding of a code
#: box (2 x 3.4pt) is 443.9pt, and DejaVu Sans Mono's glyphs are 1233/2048 em wide, so
#: 443.9 / (8.2 x 0.602) = 89.9 characters; one is kept free.
CODE_PT = 8.2
WIDTH = 88
#: A block is not set smaller than this.
SMALLEST_PT = 6.5
#: The longest line that fits at SMALLEST_PT.
WIDEST = int(WIDTH * CODE_PT / SMALLEST_PT)
PYTHON = {"python", "python3", "py", "ipython", "ipython3"}


def _fontsize(points: float) -> str:
    """The fancyvrb ``fontsize`` that prints the monospace font at ``points``."""
    size = points / MONO_SCALE
    return rf"\fontsize{{{size:.2f}pt}}{{{1.2 * size:.2f}pt}}\selectfont"


FVSET = rf"\fvset{{fontsize={_fontsize(CODE_PT)}}}"
#: Inline code may also break after an underscore (LaTeX breaks it after . , ; ? ! / only),
#: so that ``binary_cross_entropy_with_logits`` fits a table column.
PREAMBLE = r"""
\makeatletter
\let\dloptupquote\sphinxupquote
\makeatother
\protected\def\dloptunderscore{\discretionary{\char`\_}{}{\char`\_}}
\protected\def\sphinxupquote#1{\dloptupquote{\let\_\dloptunderscore#1}}
"""


def longest(text: str) -> int:
    """The length of the longest line, tabs expanded.

    >>> longest("a\\n\\tbc")
    10
    """
    return max((len(line.expandtabs()) for line in text.splitlines()), default=0)


@cache
def _ruff() -> str:
    try:
        from ruff.__main__ import find_ruff_bin
    except ImportError:
        raise RuntimeError("print_code needs ruff: pip install -r requirements.txt") from None
    return str(find_ruff_bin())


def _format_statement(code: str, line: int, width: int) -> str:
    """``code`` with the statement that contains ``line`` (1-based) formatted by ruff
    (the range runs from the start of ``line`` to the start of the next one)."""
    done = subprocess.run(
        [_ruff(), "format", "--isolated", f"--line-length={width}",
         f"--range={line}:1-{line + 1}:1", "--stdin-filename=cell.py", "-"],
        input=code, capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else code


def _wrap_comment(line: str, width: int) -> list[str]:
    """A comment line as comment lines of at most ``width`` characters.

    >>> _wrap_comment("    # one two three", 14)
    ['    # one two', '    # three']
    """
    indent = line[: len(line) - len(line.lstrip())]
    text = line.strip()[1:].strip()
    return [f"{indent}# {part}" for part in textwrap.wrap(text, width - len(indent) - 2)]


STRING_LINE = re.compile(r"""(?P<indent>\s*)(?P<prefix>[rRfFuUbB]{0,2})(?P<quote>["'])"""
                         r"""(?P<body>.*)(?P=quote)(?P<tail>[,)]*)""")


def _split_string(line: str, width: int) -> list[str]:
    """A line that is one string literal (as ruff leaves a long argument) as adjacent
    literals of at most ``width`` characters where possible, each cut after a space that is
    not inside an f-string's braces. Other lines come back as they are.

    >>> for part in _split_string('    f"{a} and {b:>8} and more",', 22):
    ...     print(part)
        f"{a} and {b:>8} "
        f"and more",
    """
    match = STRING_LINE.fullmatch(line)
    if not match or '"""' in line or "'''" in line:
        return [line]
    indent, prefix, quote, body, tail = match.group("indent", "prefix", "quote", "body", "tail")
    cuts, depth = [], 0
    for i, char in enumerate(body[:-1]):
        if "f" in prefix.lower() and char in "{}":
            depth += 1 if char == "{" else -1
        elif char == " " and depth == 0:
            cuts.append(i + 1)  # the piece ends with the space
    frame = len(indent) + len(prefix) + 2  # indent, prefix and the two quotes
    pieces, start = [], 0
    while frame + len(body) - start + len(tail) > width:
        later = [cut for cut in cuts if cut > start]
        if not later:
            break
        fitting = [cut for cut in later if frame + cut - start <= width]
        cut = fitting[-1] if fitting else later[0]
        pieces.append(body[start:cut])
        start = cut
    pieces.append(body[start:])
    return [f"{indent}{prefix}{quote}{piece}{quote}" for piece in pieces[:-1]] + [
        f"{indent}{prefix}{quote}{pieces[-1]}{quote}{tail}"]


def _parses_as(code: str, tree: str) -> bool:
    try:
        return ast.dump(ast.parse(code)) == tree
    except SyntaxError:
        return False


def fit_python(code: str, width: int = WIDTH) -> str:
    """Python ``code`` with its lines longer than ``width`` laid out for ``width``. Every
    step must leave the same syntax tree; code that does not parse (IPython's ``%magic``)
    comes back as it is.

    >>> print(fit_python("x = 1\\nresult = compute(alpha, beta, gamma)  # ok", width=30))
    x = 1
    result = compute(
        alpha, beta, gamma
    )  # ok
    >>> print(fit_python("# a comment that is too long", width=16))
    # a comment that
    # is too long
    >>> print(fit_python('print(f"{x} is the value and {y} is another")', width=30))
    print(
        f"{x} is the value and "
        f"{y} is another"
    )
    """
    try:
        tree = ast.dump(ast.parse(code))
    except SyntaxError:
        return code
    ending = "\n" if code.endswith("\n") else ""
    lines = code.rstrip("\n").split("\n")
    lines = [part for line in lines for part in (
        _wrap_comment(line, width) if len(line) > width and line.lstrip().startswith("#")
        else [line])]
    fitted = "\n".join(lines)
    # bottom up, so that the numbers of the lines above stay valid
    for number in reversed([n for n, line in enumerate(lines, 1) if len(line) > width]):
        formatted = _format_statement(fitted, number, width)
        if _parses_as(formatted, tree):
            fitted = formatted.rstrip("\n")
    lines = fitted.split("\n")
    for number in reversed(range(len(lines))):
        if len(lines[number]) > width:
            split = lines[:number] + _split_string(lines[number], width) + lines[number + 1:]
            if _parses_as("\n".join(split), tree):
                lines = split
    return "\n".join(lines) + ending


def wrap_output(text: str, width: int) -> str:
    """Printed output with lines longer than ``width`` wrapped at spaces (never inside a
    word or number); the continuation lines are indented by four spaces.

    >>> print(wrap_output("step 1: 0,25; 0,50; 0,75", 16))
    step 1: 0,25;
        0,50; 0,75
    """
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out += textwrap.wrap(line, width, initial_indent="", subsequent_indent=indent + "    ",
                             break_long_words=False, break_on_hyphens=False,
                             drop_whitespace=True) or [line]
    return "\n".join(out)


def _replace_text(block: nodes.literal_block, text: str) -> None:
    block.rawsource = text  # equal to the text: the writer highlights it as code
    block.children = [nodes.Text(text)]


def _fit(app, doctree, docname):
    if app.builder.format != "latex":
        return
    for block in list(doctree.findall(nodes.literal_block)):
        text = block.astext()
        if longest(text) <= WIDTH or block.rawsource != text:  # fits, or parsed-literal
            continue
        if block.get("language") in PYTHON:
            text = fit_python(text)
        elif longest(text) > WIDEST:
            text = wrap_output(text, WIDEST)
        if text != block.astext():
            _replace_text(block, text)
        need = longest(text)
        if need <= WIDTH:
            continue
        if need > WIDEST:
            line = max(text.splitlines(), key=lambda line: len(line.expandtabs()))
            logger.warning("a code line of %d characters does not fit the printed page "
                           "(%d at most), shorten it: %r", need, WIDEST, line, location=block)
        points = max(CODE_PT * WIDTH / need, SMALLEST_PT)
        parent, index = block.parent, block.parent.index(block)
        parent.insert(index + 1, nodes.raw("", r"\endgroup", format="latex"))
        parent.insert(index, nodes.raw(
            "", rf"\begingroup\fvset{{fontsize={_fontsize(points)}}}", format="latex"))


def setup(app):
    app.connect("doctree-resolved", _fit)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
