"""What the review tools take from the book: questions with answers, glossary terms and the
review schedule, read from the built (resolved) doctrees.

The Anki deck (``anki_deck.py``) and the review calendar (``review_calendar.py``) both
use this module; it knows how the pages mark these things up and nothing about Anki:

* **A question** is a paragraph that is nothing but bold text, followed at once by a
  dropdown (``:::{dropdown} Отговор`` / ``Answer``) that holds its answer. Questions are
  taken from the quiz (the page with the label ``quiz``) and from every section whose
  label ends in ``-questions`` (the chapters' ``## Въпроси`` / ``## Questions``).
* **A glossary term**: each entry of a ``{glossary}``, with its names in both languages.
* **The review schedule**: the table in the section labelled ``review-schedule`` (when,
  prompt, chapter) and, in the same order, the dropdowns of ``review-checkpoints``.

Each item has a *key* made of labels, never of its text, so that a corrected question
keeps its key: a quiz question is keyed by its section's label (``quiz-gradient``); a
chapter question by its section's label and its position there (``sec-gd-questions-2``),
or by its own label when the question paragraph has one; a glossary term by the id of its
Latin-script name (``term-loss-function``), the same in both languages; a review by its
section's label and its interval in days (``review-schedule-7``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from docutils import nodes
from sphinx import addnodes
from sphinx_design.dropdown import dropdown_main

CYRILLIC = re.compile(r"[\u0400-\u04FF]")

#: Units of the first column of the review schedule, and their length in days.
UNITS = {
    "ден": 1, "дни": 1, "day": 1, "days": 1,
    "седмица": 7, "седмици": 7, "week": 7, "weeks": 7,
    "месец": 30, "месеца": 30, "месеци": 30, "month": 30, "months": 30,
}


@dataclass(frozen=True)
class Question:
    """A question and its answer, as HTML fragments (math as ``\\(…\\)`` and ``\\[…\\]``)."""

    key: str
    question: str
    answer: str
    docname: str


@dataclass(frozen=True)
class Term:
    """A glossary entry: its name in the page's language, in the other one ("" when the
    name is the same in both, e.g. Adam) and its definition (HTML)."""

    key: str
    name: str
    other_name: str
    definition: str
    docname: str


@dataclass(frozen=True)
class Review:
    """One row of the review schedule: after how many days, the prompt, what it reviews
    (the chapter's title and its link relative to the review page) and the checkpoint."""

    key: str
    days: int
    when: str
    prompt: str
    chapter: str
    chapter_uri: str
    checkpoint: str


# -- HTML of a piece of a doctree ---------------------------------------------------------

#: Elements kept as an HTML element; any other element is replaced by its content.
TAGS = {
    nodes.paragraph: "p", nodes.strong: "strong", nodes.emphasis: "em", nodes.literal: "code",
    nodes.bullet_list: "ul", nodes.enumerated_list: "ol", nodes.list_item: "li",
    nodes.literal_block: "pre", nodes.subscript: "sub", nodes.superscript: "sup",
    nodes.block_quote: "blockquote",
}
#: Elements left out: index entries, targets, comments, a dropdown's title.
SKIPPED = (addnodes.index, nodes.target, nodes.comment, nodes.system_message, nodes.rubric,
           nodes.image, nodes.raw)


def to_html(node: nodes.Node) -> str:
    r"""A small HTML rendering of ``node``: text, emphasis, lists, code and math.

    Links become their text (a card has no site to link to); inline math becomes
    ``\(…\)`` and display math ``\[…\]``, which Anki's MathJax renders.

    >>> from docutils import nodes
    >>> p = nodes.paragraph("", "", nodes.Text("If "), nodes.math("", "a < b"),
    ...                     nodes.Text(",\nthen "), nodes.strong("", "stop"))
    >>> print(to_html(p))
    <p>If \(a &lt; b\), then <strong>stop</strong></p>
    """
    if isinstance(node, nodes.Text):
        return escape(re.sub(r"\s*\n\s*", " ", node.astext()), quote=False)
    if isinstance(node, SKIPPED):
        return ""
    if isinstance(node, nodes.math):
        return r"\(" + escape(node.astext(), quote=False) + r"\)"
    if isinstance(node, nodes.math_block):
        return r"<p>\[" + escape(node.astext(), quote=False) + r"\]</p>"
    inner = "".join(to_html(child) for child in node.children)
    tag = TAGS.get(type(node))
    if tag is None or (tag == "code" and "xref" in node.get("classes", [])):
        return inner  # a reference, an inline, a container: its content only
    return f"<{tag}>{inner}</{tag}>"


def body_html(element: nodes.Element) -> str:
    """The HTML of the content of a glossary definition or of a dropdown, without its title."""
    if isinstance(element, dropdown_main):
        return body_html(_dropdown_body(element))
    return "\n".join(to_html(child) for child in element.children
                     if not isinstance(child, nodes.rubric))


# -- Questions ----------------------------------------------------------------------------

def _is_question(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.paragraph):
        return False
    parts = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    return len(parts) == 1 and isinstance(parts[0], nodes.strong)


def _is_dropdown(node: nodes.Node) -> bool:
    """A ``{dropdown}`` as read (a container with its title as a rubric) or as the html
    builder's post-transform of sphinx-design leaves it (a ``dropdown_main``)."""
    return isinstance(node, dropdown_main) or (
        isinstance(node, nodes.container) and node.get("design_component") == "dropdown")


def _dropdown_body(node: dropdown_main) -> nodes.Element:
    """The element that holds a transformed dropdown's content (not its title)."""
    return next(c for c in node.children if isinstance(c, nodes.container)
                and c.get("design_component") == "dropdown-body")


def _label(node: nodes.Element, labels: set[str]) -> str | None:
    """The first of the node's names that is a label of the book (``(label)=``)."""
    return next((name for name in node.get("names", []) if name in labels), None)


def section_questions(section: nodes.section, labels: set[str], docname: str) -> list[Question]:
    """The questions directly in ``section`` (not in its subsections), keyed by its label,
    followed by the position when it holds more than one."""
    children = list(section.children)
    pairs = [(q, a) for q, a in zip(children, children[1:], strict=False)
             if _is_question(q) and _is_dropdown(a)]
    label = _label(section, labels)
    if pairs and label is None:
        raise ValueError(f"section {section['ids']!r} of {docname!r} holds questions but has "
                         "no label: write (label)= above its heading")
    found = []
    for n, (question, answer) in enumerate(pairs, start=1):
        key = _label(question, labels) or (label if len(pairs) == 1 else f"{label}-{n}")
        inner = "".join(to_html(c) for c in question.children).strip()
        found.append(Question(key, inner, body_html(answer), docname))
    return found


def page_questions(doctree: nodes.document, labels: set[str], docname: str) -> list[Question]:
    """Every question of a page (the quiz), section by section."""
    found = []
    for section in doctree.findall(nodes.section):
        found += section_questions(section, labels, docname)
    return found


def labelled_section(doctree: nodes.document, label: str) -> nodes.section:
    for section in doctree.findall(nodes.section):
        if label in section.get("names", []):
            return section
    raise ValueError(f"label={label!r} names no section of {doctree.get('source')!r}")


# -- Glossary -----------------------------------------------------------------------------

def glossary_terms(doctree: nodes.document, docname: str) -> list[Term]:
    """Every entry of every ``{glossary}`` of the page: first name in the page's language,
    second in the other one (CONTRIBUTING.md), or a single name shared by both."""
    found = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [t for t in item.children if isinstance(t, nodes.term)]
            names = [t.astext().strip() for t in terms]
            latin = [t for t, name in zip(terms, names, strict=True) if not CYRILLIC.search(name)]
            if not latin or not latin[0]["ids"]:
                raise ValueError(f"glossary entry {names!r} of {docname!r} has no Latin-script "
                                 "name: each entry needs its English name (CONTRIBUTING.md)")
            definition = item.next_node(nodes.definition)
            found.append(Term(latin[0]["ids"][0], names[0], names[1] if len(names) > 1 else "",
                              body_html(definition), docname))
    return found


# -- Review schedule ----------------------------------------------------------------------

def interval_days(when: str) -> int:
    """The days in the schedule's first column: ``"1 седмица"`` → 7, ``"1 month"`` → 30.

    >>> [interval_days(w) for w in ("1 ден", "3 дни", "1 week", "1 месец", "2 weeks")]
    [1, 3, 7, 30, 14]
    >>> interval_days("soon")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: when='soon' must be a number and a unit, one of: day, days, month, ...
    """
    m = re.fullmatch(r"\s*(\d+)\s+(\w+)\s*", when)
    if not m or m.group(2).lower() not in UNITS:
        units = ", ".join(sorted(UNITS, key=lambda u: (bool(CYRILLIC.search(u)), u)))
        raise ValueError(f"when={when!r} must be a number and a unit, one of: {units}")
    return int(m.group(1)) * UNITS[m.group(2).lower()]


def review_schedule(doctree: nodes.document, schedule: str = "review-schedule",
                    checkpoints: str = "review-checkpoints") -> list[Review]:
    """The rows of the schedule table with, in the same order, their checkpoint dropdowns."""
    section = labelled_section(doctree, schedule)
    table = section.next_node(nodes.table)
    if table is None:
        raise ValueError(f"the section {schedule!r} has no table")
    rows = list(table.next_node(nodes.tbody).findall(nodes.row))
    dropdowns = [c for c in labelled_section(doctree, checkpoints).children if _is_dropdown(c)]
    if len(dropdowns) != len(rows):
        raise ValueError(f"the schedule {schedule!r} has {len(rows)} rows but {checkpoints!r} "
                         f"has {len(dropdowns)} dropdowns: one checkpoint per row is allowed")
    found = []
    for row, checkpoint in zip(rows, dropdowns, strict=True):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) != 3:
            raise ValueError(f"a row of {schedule!r} has {len(entries)} columns: 3 are allowed "
                             "(when, prompt, chapter)")
        when, prompt, chapter = entries
        link = chapter.next_node(nodes.reference)
        days = interval_days(when.astext())
        found.append(Review(
            key=f"{schedule}-{days}", days=days, when=when.astext().strip(),
            prompt=prompt.astext().strip().replace("\n", " "),
            chapter=chapter.astext().strip(),
            chapter_uri=link.get("refuri", "") if link is not None else "",
            checkpoint=body_html(checkpoint)))
    return found
