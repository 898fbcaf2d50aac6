"""Chapter numbers run on across the numbered parts of the book.

Sphinx starts every numbered toctree at 1 ("every numbered toctree gets new numbering"), so the
first chapter of the part „По-нататък“ / "Going further" would be chapter 1 again, with figures
1.1, 1.2, … This extension runs after Sphinx has numbered the sections and shifts the chapter
number of each numbered toctree of the root page by the number of chapters of the numbered
toctrees before it; then it numbers the figures, tables and equations again from the shifted
numbers. The PDF takes the same numbers (``print_numbering`` reads ``env.toc_secnumbers``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector


def _shift(number, offset):
    return (number[0] + offset, *number[1:]) if number else number


def _continue_numbering(app, env) -> list[str]:
    root = app.config.root_doc
    if root not in env.numbered_toctrees or root not in env.tocs:
        return []
    offset, shifted = 0, []
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        if not toctree.get("numbered"):
            continue
        chapters = [ref for _title, ref in toctree["entries"] if ref in env.toc_secnumbers]
        for ref in chapters if offset else ():
            env.toc_secnumbers[ref] = {
                anchor: _shift(number, offset) for anchor, number in env.toc_secnumbers[ref].items()
            }
            for node in [*env.tocs[ref].findall(nodes.reference), env.titles.get(ref)]:
                if node is not None and node.get("secnumber"):
                    node["secnumber"] = list(_shift(node["secnumber"], offset))
            shifted.append(ref)
        offset += len(chapters)
    if not shifted:
        return []
    return shifted + TocTreeCollector().assign_figure_numbers(env)


def setup(app):
    # after Sphinx's own TocTreeCollector (priority 500) has assigned the section numbers
    app.connect("env-get-updated", _continue_numbering, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
