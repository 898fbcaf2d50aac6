"""The language switcher keeps the reader's place: the anchors both languages share.

A page and its translation have the same structure (``make check`` verifies it) and the
same labels — English ids such as ``sec-gd-learning-rate``, ``fig-gd-paths`` or
``eq-gd-update`` — so an anchor made from a label exists on both pages. Other ids differ:
MyST's heading anchors and docutils' ``id3`` are made from the heading's text or from a
counter. Therefore:

* every section without a label gets one more id made from its position,
  ``section-2-1`` (the first subsection of the second section), the same in both
  languages because the headings are; each section's element carries a shared id;
* the switcher carries the page's shared anchors (``data-anchors``), and
  ``_static/language-switch.js`` appends to its link the nearest of them that encloses
  the reader's ``#anchor``: an id of the other kind leads to its section.
"""

from __future__ import annotations

from docutils import nodes


def _labels(env, docname: str) -> set[str]:
    """The ids of the page's explicit targets (labels, figure names) and equations."""
    std = env.get_domain("std")
    ids = {labelid for doc, labelid in std.anonlabels.values() if doc == docname}
    math = env.get_domain("math")
    ids |= {f"equation-{name}" for name, (doc, _number) in math.equations.items()
            if doc == docname}
    return ids


def _add_positional_ids(app, doctree, docname):
    if app.builder.format != "html":
        return
    labels = _labels(app.env, docname)

    def walk(parent, path):
        sections = [child for child in parent.children if isinstance(child, nodes.section)]
        for number, section in enumerate(sections, start=1):
            here = (*path, number)
            shared = [i for i in section["ids"] if i in labels]
            if not shared:
                shared = ["section-" + "-".join(map(str, here))]
                labels.add(shared[0])
            # The element's own id is a shared one; the others stay as anchors before it.
            section["ids"] = [shared[0]] + [i for i in section["ids"] if i != shared[0]]
            walk(section, here)

    walk(doctree, ())
    present = {i for node in doctree.findall(nodes.Element) for i in node.get("ids", ())}
    doctree["switch_anchors"] = sorted(labels & present)


def _context(app, pagename, templatename, context, doctree):
    context["switch_anchors"] = " ".join(doctree.get("switch_anchors", [])) if doctree else ""


def setup(app):
    app.connect("doctree-resolved", _add_positional_ids)
    app.connect("html-page-context", _context)
    app.add_js_file("language-switch.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
