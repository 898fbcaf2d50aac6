"""Chapters of a later numbered toctree continue the numbers of the earlier ones.

Sphinx starts every numbered toctree at 1 ("every numbered toctree gets new numbering"), so
the first chapter of the part „По-нататък“ / "Going further" would be chapter 1 again. After
Sphinx has numbered sections and figures (``env-get-updated``, priority 500), this extension
adds to every number of a page in the k-th numbered toctree of the root document the number
of chapters in the numbered toctrees before it: the headings, the sidebar, the figures, the
equations (``displaymath``) and, through ``env.toc_secnumbers``, the PDF (print_numbering).
Sphinx also counts figures per chapter number, so the figures of the k-th chapter of a later
toctree would continue those of the k-th chapter of the first: they restart at 1.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes


def _shifted(number, offset):
    return type(number)([number[0] + offset, *number[1:]]) if number else number


def _shift_page(env, docname: str, offset: int) -> None:
    env.toc_secnumbers[docname] = {
        anchor: _shifted(n, offset) for anchor, n in env.toc_secnumbers[docname].items()
    }
    for node in [*env.tocs[docname].findall(nodes.reference), env.titles.get(docname)]:
        if node is not None and node.get("secnumber"):
            node["secnumber"] = _shifted(node["secnumber"], offset)
    # Sphinx counts figures per chapter number, so chapter 1 of this toctree continued the
    # count of chapter 1 of the first one: restart it at 1 as well as shifting the chapter.
    for numbers in env.toc_fignumbers.get(docname, {}).values():
        first = {}
        for n in numbers.values():
            first[n[:-1]] = min(first.get(n[:-1], n[-1]), n[-1])
        for target, n in numbers.items():
            numbers[target] = _shifted((*n[:-1], n[-1] - first[n[:-1]] + 1), offset)


def continue_numbering(app, env) -> list[str]:
    """Shift the numbers of later numbered toctrees; return the pages to rewrite."""
    root = app.config.root_doc
    if root not in env.numbered_toctrees:
        return []
    offset, shifted = 0, []
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        if not toctree.get("numbered"):
            continue
        pages = [ref for _title, ref in toctree["entries"] if ref in env.toc_secnumbers]
        if offset:
            for page in pages:
                _shift_page(env, page, offset)
            shifted += pages
        offset += len(pages)
    return shifted


def setup(app):
    app.connect("env-get-updated", continue_numbering, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
