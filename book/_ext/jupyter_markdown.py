"""A page's resolved doctree as plain Jupyter Markdown: what a reader's notebook shows.

The book's pages are MyST: roles (``{glue}``, ``{numref}``, ``{term}``, ``{cite:p}``),
``{math}`` blocks, ``literalinclude``, admonitions and dropdowns. Jupyter renders none of
that, so the downloadable notebook is made from the page as Sphinx resolved it: a glued
number is its value, a reference is its text (a link to the site when ``book_site_url``
is set), ``{math}`` is ``$$…$$`` with the equation's number, included library code is a
fenced code block with that code, an admonition is a blockquote, a dropdown (solutions,
answers) is ``<details>``. :func:`markdown_cells` splits the page at its code cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes

#: Characters that Jupyter's Markdown would read as syntax in plain text. (Not brackets:
#: ``\[`` opens display math in Jupyter, and a lone ``[31]`` is plain text anyway.)
_ESCAPE = re.compile(r"([\\`*_$<>])")


def escape(text: str) -> str:
    r"""Plain text that Markdown shows as typed.

    >>> escape("cost $5 and a*b")
    'cost \\$5 and a\\*b'
    """
    return _ESCAPE.sub(r"\\\1", text)


class Writer:
    """Turn docutils nodes into Markdown. ``link(refuri)`` gives the URL of an internal
    reference (or ``None``: then only its text is kept); ``equation(node)`` the number of a
    displayed equation (or ``None``)."""

    def __init__(self, link: Callable[[str], str | None],
                 equation: Callable[[nodes.Node], str | None]):
        self.link = link
        self.equation = equation

    # -- inline -------------------------------------------------------------------------
    def inline(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Text):
            return escape(node.astext().replace("\n", " "))
        if isinstance(node, nodes.math):
            return f"${node.astext()}$"
        if isinstance(node, nodes.literal):
            return f"`{node.astext()}`"
        inner = "".join(self.inline(child) for child in node.children)
        if isinstance(node, nodes.strong):
            return f"**{inner}**" if inner.strip() else inner
        if isinstance(node, nodes.emphasis):
            return f"*{inner}*" if inner.strip() else inner
        if isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
            target = uri if re.match(r"^[a-z]+:", uri) else (self.link(uri) if uri else None)
            return f"[{inner}]({target})" if target else inner
        if isinstance(node, (nodes.footnote_reference, nodes.citation_reference)):
            return f"[{inner}]"
        if isinstance(node, (nodes.image, nodes.target, nodes.raw, nodes.comment)):
            return ""
        return inner

    def text_of(self, node: nodes.Node) -> str:
        return "".join(self.inline(child) for child in node.children).strip()

    # -- blocks -------------------------------------------------------------------------
    def blocks(self, node: nodes.Node, level: int) -> list[str]:
        """Markdown blocks (paragraph-sized strings) of ``node``'s children."""
        out: list[str] = []
        for child in node.children:
            out.extend(self.block(child, level))
        return out

    def block(self, node: nodes.Node, level: int) -> list[str]:
        skipped = (nodes.target, nodes.comment, nodes.substitution_definition, nodes.raw,
                   nodes.system_message)
        if isinstance(node, skipped) or "toctree-wrapper" in node.get("classes", []):
            return []
        if isinstance(node, nodes.section):
            return self.blocks(node, level + 1)
        if isinstance(node, nodes.title):
            return [f"{'#' * min(level, 6)} {self.text_of(node)}"]
        if isinstance(node, (nodes.paragraph, nodes.caption, nodes.legend)):
            text = self.text_of(node)
            return [text] if text else []
        if isinstance(node, nodes.rubric):
            return [f"**{self.text_of(node)}**"]
        if isinstance(node, nodes.math_block):
            number = self.equation(node)
            tag = f" \\tag{{{number}}}" if number else ""
            return [f"$$\n{node.astext().strip()}{tag}\n$$"]
        if isinstance(node, nodes.literal_block):
            language = node.get("language", "")
            language = "" if language in ("default", "none", "text") else language
            return [f"```{language}\n{node.astext().rstrip()}\n```"]
        if isinstance(node, nodes.bullet_list):
            return [self.list_items(node, lambda _: "- ", level)]
        if isinstance(node, nodes.enumerated_list):
            start = node.get("start", 1)
            return [self.list_items(node, lambda i: f"{start + i}. ", level)]
        if isinstance(node, nodes.definition_list):
            return [self.definitions(node, level)]
        if isinstance(node, nodes.table):
            return [self.table(node)]
        if isinstance(node, nodes.transition):
            return ["---"]
        if _is_dropdown(node):
            return [self.dropdown(node, level)]
        if isinstance(node, (nodes.Admonition, nodes.block_quote, nodes.topic, nodes.sidebar)):
            return [self.quote(node, level)]
        if isinstance(node, nodes.TextElement):
            text = self.text_of(node)
            return [text] if text else []
        return self.blocks(node, level)

    def join(self, blocks: list[str]) -> str:
        return "\n\n".join(block for block in blocks if block.strip())

    def list_items(self, node: nodes.Node, marker: Callable[[int], str], level: int) -> str:
        items = []
        for i, item in enumerate(node.children):
            prefix = marker(i)
            body = self.join(self.blocks(item, level))
            pad = " " * len(prefix)
            items.append(prefix + body.replace("\n", "\n" + pad))
        return "\n".join(items)

    def definitions(self, node: nodes.Node, level: int) -> str:
        entries = []
        for item in node.children:
            terms = [self.text_of(t) for t in item.children if isinstance(t, nodes.term)]
            body = [self.join(self.blocks(d, level)) for d in item.children
                    if isinstance(d, nodes.definition)]
            entries.append(f"**{'; '.join(terms)}** — " + "\n\n".join(body))
        return "\n\n".join(entries)

    def quote(self, node: nodes.Node, level: int) -> str:
        blocks = []
        for child in node.children:
            if isinstance(child, nodes.title):
                blocks.append(f"**{self.text_of(child)}**")
            else:
                blocks.extend(self.block(child, level))
        text = self.join(blocks)
        return "\n".join("> " + line if line else ">" for line in text.split("\n"))

    def dropdown(self, node: nodes.Node, level: int) -> str:
        summary, body = "", []
        for child in node.children:
            if isinstance(child, nodes.rubric) or "sd-summary-title" in child.get("classes", []):
                summary = self.text_of(child)
            else:
                body.extend(self.block(child, level))
        return f"<details>\n<summary>{summary}</summary>\n\n{self.join(body)}\n\n</details>"

    def table(self, node: nodes.Node) -> str:
        rows = []
        for row in node.findall(nodes.row):
            cells = [self.text_of_cell(entry) for entry in row.children]
            rows.append("| " + " | ".join(cells) + " |")
        if not rows:
            return ""
        width = rows[0].count(" | ") + 1
        return "\n".join([rows[0], "|" + " --- |" * width, *rows[1:]])

    def text_of_cell(self, entry: nodes.Node) -> str:
        return " ".join(self.join(self.blocks(entry, 1)).split()).replace("|", "\\|")


def _is_dropdown(node: nodes.Node) -> bool:
    """sphinx-design's dropdown (``{dropdown}``): a container marked as that component."""
    return node.get("design_component") == "dropdown" or "sd-dropdown" in node.get("classes", [])


def cell_index(node: nodes.Node) -> int | None:
    """The notebook index of a myst-nb code cell container (None for any other node)."""
    if isinstance(node, nodes.container) and node.get("nb_element") == "cell_code":
        return node.get("cell_index")
    return None


def _line(node: nodes.Node) -> int | None:
    """The source line of ``node`` or of its first descendant that has one."""
    for each in node.findall(include_self=True):
        if getattr(each, "line", None):
            return each.line
    return None


def markdown_cells(doctree: nodes.document, writer: Writer,
                   hidden: dict[int, int] | None = None) -> list[tuple[str, int | None]]:
    """The page as ``(markdown, index of the code cell that follows it)`` pairs, in order;
    the last pair's index is ``None``. Code cells are found at any depth (sections).
    ``hidden`` maps the notebook index of each cell that is not in the doctree (tag
    ``remove-cell``) to its source line, so that it is placed where it stands in the page."""
    pieces: list[tuple[str, int | None]] = []
    pending: list[str] = []
    waiting = sorted((line, index) for index, line in (hidden or {}).items())

    def cell(index: int) -> None:
        pieces.append((writer.join(pending), index))
        pending.clear()

    def hidden_before(line: int | None) -> None:
        while waiting and line is not None and waiting[0][0] < line:
            cell(waiting.pop(0)[1])

    def walk(node: nodes.Node, level: int) -> None:
        for child in node.children:
            hidden_before(_line(child))
            index = cell_index(child)
            if index is not None:
                while waiting and waiting[0][1] < index:  # hidden cells before this one
                    cell(waiting.pop(0)[1])
                cell(index)
            elif isinstance(child, nodes.section) and any(cell_index(n) is not None
                                                         for n in child.findall(nodes.container)):
                walk(child, level + 1)
            elif isinstance(child, nodes.title) and isinstance(node, nodes.section):
                pending.append(f"{'#' * min(level, 6)} {writer.text_of(child)}")
            else:
                pending.extend(writer.block(child, level))

    walk(doctree, 0)
    pieces.append((writer.join(pending), None))
    return pieces


def cell_index_node(node: nodes.Node) -> bool:
    """Whether ``node`` is a myst-nb code cell container (for ``doctree.findall``)."""
    return cell_index(node) is not None
