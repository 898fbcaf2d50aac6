"""Bibliography entries that are list items, as the list around them requires.

docutils writes the citations of a page as ``<div role="list">`` around entries with
``role="doc-biblioentry"``. ARIA 1.2 deprecates that role and no longer counts it as a list
item, so screen readers and axe-core (rule aria-required-children, critical) see a list
without items. The entries are written as ``role="listitem"`` instead; nothing else changes.
"""

from __future__ import annotations

from docutils import nodes


def visit_citation(self, node):
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node):
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def setup(app):
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
