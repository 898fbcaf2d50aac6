"""The printed book collects the answers at its end, as printed textbooks do.

On the site a solution or an answer waits in a closed dropdown under its question. On paper
it would stand right under the question, in plain sight. So the latex builder moves every
answer into a chapter of its own before the bibliography, "Отговори и решения" / "Answers
and solutions", with a section per page. In its place the question gets a line
"Решение: стр. 187" that links to the answer, and the answer starts with the question's
title and a link back to its page.

What is an answer (the words are in conf.py, ``book_answers``):

- a dropdown whose title starts with one of ``kinds`` ("Решение", "Отговор", "Обсъждане");
- a hidden code cell (``hide-cell``) whose prompt starts with one of them: the code of a
  solution.

Its question is the closest element before it, in the same section, that is an exercise
(an admonition whose title starts with ``exercise``, "Задача") or a paragraph that starts
in bold (a question). The answers of one question — a solution's code cells and its
explanation — become one entry. A figure in a solution keeps the number it has on the site.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

PREAMBLE = r"""
\newcounter{dloptsavedchapter}
\newcounter{dloptsavedfigure}
\newcommand\dloptfigureas[2]{\setcounter{dloptsavedchapter}{\value{chapter}}%
  \setcounter{dloptsavedfigure}{\value{figure}}%
  \setcounter{chapter}{#1}\setcounter{figure}{\numexpr#2-1\relax}}
\newcommand\dloptfigureback{\setcounter{chapter}{\value{dloptsavedchapter}}%
  \setcounter{figure}{\value{dloptsavedfigure}}}
"""

#: The name of the chapter in the assembled book (its LaTeX labels start with it).
DOCNAME = "answers"


class page_part(nodes.Element):
    """Part of a page printed elsewhere in the book: inside it, LaTeX labels and references
    are still those of the page (``chapters/04-…:fig-adv-ex41``), so that a figure or an
    equation keeps its name and a reference to the page's sections still finds them."""


def _visit_page_part(self, node):
    self.curfilestack.append(node["docname"])


def _depart_page_part(self, node):
    self.curfilestack.pop()


def _title(node: nodes.Element) -> str:
    """The title of a dropdown, or the prompt of a hidden code cell."""
    if node.get("design_component") == "dropdown" and node.get("has_title"):
        return node[0].astext()
    if node.get("nb_element") == "cell_code" and "tag_hide-cell" in node["classes"]:
        return node.get("prompt_show", "")
    return ""


def _is_answer(node, kinds) -> bool:
    return isinstance(node, nodes.container) and _title(node).startswith(tuple(kinds))


def _is_question(node, exercise: str) -> bool:
    if isinstance(node, nodes.admonition):
        return node[0].astext().startswith(exercise)
    if isinstance(node, nodes.paragraph):
        first = next((child for child in node.children if child.astext().strip()), None)
        return isinstance(first, nodes.strong)
    return False


def _question_of(answer, exercise: str):
    """The exercise or question paragraph that ``answer`` answers, or None."""
    siblings = answer.parent.children
    for node in reversed(siblings[: siblings.index(answer)]):
        if _is_question(node, exercise):
            return node
        if isinstance(node, nodes.section):
            break
    return None


def _heading(question) -> list[nodes.Node]:
    """What the answer's entry is called: the exercise's title or the question itself."""
    if isinstance(question, nodes.admonition):
        return [nodes.strong("", question[0].astext())]
    copy = question.deepcopy()
    for node in copy.findall(nodes.Element):
        node["ids"] = []
    return copy.children


def _latex(code: str) -> nodes.raw:
    return nodes.raw("", code, format="latex")


def _page_ref(label: str, words: dict) -> nodes.raw:
    """"стр. 187", the page of ``label``, as a link to it."""
    return _latex(rf"\hyperref[{label}]{{{words['page']}~\pageref*{{{label}}}}}")


def _content(answer) -> list[nodes.Node]:
    """An answer as it is printed: a dropdown without its title, a code cell as it is."""
    if answer.get("design_component") == "dropdown":
        return answer.children[1:]
    return [answer]


def _site_number(env, docname: str, figure: nodes.figure) -> tuple[int, int] | None:
    """(chapter, n) of a figure as the site numbers it; chapter 0 on an unnumbered page."""
    numbers = env.toc_fignumbers.get(docname, {}).get("figure", {})
    number = next((numbers[i] for i in figure["ids"] if i in numbers), None)
    if number is None:
        return None
    return (number[0], number[1]) if len(number) > 1 else (0, number[0])


def _keep_figure_numbers(env, docname: str, content: list[nodes.Node]) -> list[nodes.raw]:
    """Figures in the answer keep the site's number ("4.12" or "7"); returns what steps the
    figure counter at their old place, as if they were still there."""
    stepped = []
    for part in content:
        for figure in list(part.findall(nodes.figure)):
            number = _site_number(env, docname, figure)
            if number is None:
                continue
            parent, index = figure.parent, figure.parent.index(figure)
            parent.insert(index + 1, _latex(r"\dloptfigureback"))
            chapter, figure_number = number
            parent.insert(index, _latex(rf"\dloptfigureas{{{chapter}}}{{{figure_number}}}"))
            stepped.append(_latex(r"\stepcounter{figure}"))
    return stepped


def _page_title(env, docname: str, chapter_word: str) -> str:
    title = env.titles[docname].astext()
    number = env.toc_secnumbers.get(docname, {}).get("")
    return f"{chapter_word} {number[0]}. {title}" if number else title


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _entries(page, words: dict) -> list[list[nodes.Element]]:
    """The answers of one page grouped by question: ``[question, answer, ...]`` in order."""
    kinds = words["kinds"]
    entries: dict[int, list] = {}  # id(question) -> [question, answers...]
    for answer in list(page.findall(lambda node: _is_answer(node, kinds))):
        if any(_is_answer(up, kinds) for up in _ancestors(answer)):
            continue  # an answer inside an answer moves with it
        question = _question_of(answer, words["exercise"])
        if question is None:
            logger.warning("an answer (%r) follows no exercise or question in bold",
                           _title(answer), location=answer)
            continue
        entries.setdefault(id(question), [question]).append(answer)
    return list(entries.values())


def _move(entry: list[nodes.Element], number: int, section: nodes.section, env, docname: str,
          words: dict) -> None:
    """Move the answers of ``entry`` to ``section``, leaving "Решение: стр. 187" in their
    place; the entry starts with the question's title and "(стр. 23)", its page."""
    question, *answers = entry
    here, there = f"dlopt-question-{number}", f"dlopt-answer-{number}"
    kind = next(k for k in words["kinds"] if _title(answers[0]).startswith(k))
    pointer = nodes.paragraph("", "", _latex(rf"\phantomsection\label{{{here}}}"),
                              nodes.emphasis("", f"{kind}: ", _page_ref(there, words)))
    answers[0].parent.insert(answers[0].parent.index(answers[0]), pointer)
    section += nodes.paragraph("", "", _latex(rf"\phantomsection\label{{{there}}}"),
                               *_heading(question), nodes.Text(" ("),
                               _page_ref(here, words), nodes.Text(")"))
    for answer in answers:
        content = _content(answer)
        pointer += _keep_figure_numbers(env, docname, content)
        answer.parent.remove(answer)
        section += content


def _collect(app, doctree, docname):
    if app.builder.format != "latex" or not app.config.book_answers:
        return
    env, words = app.env, app.config.book_answers
    chapter = nodes.section(ids=[f"{DOCNAME}-chapter"])
    chapter += nodes.title("", words["title"])
    number = 0
    for page in list(doctree.findall(addnodes.start_of_file)):
        entries = _entries(page, words)
        if not entries:
            continue
        section = nodes.section(ids=[f"{DOCNAME}-of-this-page"])
        section += nodes.title("", _page_title(env, page["docname"], words["chapter"]))
        for entry in entries:
            number += 1
            _move(entry, number, section, env, page["docname"], words)
        chapter += page_part("", section, docname=page["docname"])
    if not number:
        return
    appendix = addnodes.start_of_file(docname=DOCNAME)
    appendix += chapter
    pages = list(doctree.findall(addnodes.start_of_file))
    before = next((p for p in pages if p["docname"] == words.get("before")), None)
    if before is not None:
        before.parent.insert(before.parent.index(before), appendix)
    else:
        pages[-1].parent.append(appendix)


#: What ``book_answers`` must say (``before``, the page the chapter precedes, is optional).
KEYS = {"title", "kinds", "exercise", "chapter", "page"}


def check_words(words: dict) -> None:
    """Refuse a ``book_answers`` that lacks a word or names no kind of answer.

    >>> check_words({"title": "Answers"})
    Traceback (most recent call last):
    ...
    ValueError: book_answers lacks ['chapter', 'exercise', 'kinds', 'page']: it must give
    title, kinds, exercise, chapter and page (and may give before), got {'title': 'Answers'}
    """
    if not words:
        return  # not configured: the answers stay where they are
    missing = sorted(KEYS - set(words))
    if missing:
        raise ValueError(f"book_answers lacks {missing}: it must give title, kinds, exercise, "
                         f"chapter and page (and may give before), got {words!r}")
    if not words["kinds"] or not all(isinstance(k, str) and k for k in words["kinds"]):
        raise ValueError(f"book_answers['kinds'] must be a list of words that start the title "
                         f"of an answer, got {words['kinds']!r}")


def setup(app):
    app.add_config_value("book_answers", {}, "env", types=[dict])
    app.connect("config-inited", lambda app, config: check_words(config.book_answers))
    app.add_node(page_part, latex=(_visit_page_part, _depart_page_part))
    # before print_numbering (priority 500), which marks the new chapter as unnumbered
    app.connect("doctree-resolved", _collect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
