"""An Anki deck per language, written into the site: ``<lang>/anki/<deck>.apkg``.

At the end of each html build (``build-finished``) the deck is made with ``genanki`` from
the built pages (``review_cards.py`` says what is taken and how it is keyed): the quiz's
questions, the chapters' questions, the review plan's prompts with their checkpoints
(one note type, one card each) and the glossary (a second note type: term → definition,
definition → term and, for names that differ, Bulgarian ↔ English).

* **Stable notes.** Each note's ``guid`` comes from the language and the item's key made of
  labels (never from its text), so importing a corrected deck updates the note and keeps
  its review history instead of adding a duplicate. The deck and note types have fixed ids.
* **The same bytes for the same book.** genanki stamps notes and cards with a time and
  derives their ids from it; that time is the newest commit of the pages and of the two
  modules that make the cards (``SOURCE_DATE_EPOCH`` outside a git checkout). Anki updates
  a note on import when the file's note is *newer*, so a committed correction is taken up,
  and two builds of one commit give identical files: the zip entries carry that time too.
* **Math** is written as ``\\(…\\)`` and ``\\[…\\]``, which Anki renders with its MathJax.

The directive ``{anki-deck}`` (on the quiz and the review plan) writes the paragraph that
links to the deck, in the page's language; the PDF leaves it out.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import subprocess
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path

import review_cards
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

FOLDER = "anki"

TEXT = {
    "bg": {
        "deck": "Оптимизация в дълбокото обучение",
        "description": "Въпросите, речникът и планът за преговор на книгата "
                       "„Оптимизация в дълбокото обучение“.",
        "question_model": "Оптимизация в ДО: въпрос",
        "term_model": "Оптимизация в ДО: термин",
        "fields": ("Въпрос", "Отговор", "Източник"),
        "term_fields": ("Термин", "Превод", "Определение"),
        "cards": ("Въпрос → отговор", "Термин → определение", "Определение → термин",
                  "Български → английски", "Английски → български"),
        "ask_definition": "Какво означава?",
        "ask_term": "Кой е терминът?",
        "ask_other": "На английски?",
        "ask_this": "На български?",
        "glossary": "Речник",
        "review": "План за преговор",
        "tags": {"quiz": "тест", "chapter": "глава", "glossary": "речник",
                 "review": "план-за-преговор"},
        "before": "Въпросите от теста, от главите и от плана за преговор, заедно с термините "
                  "от речника, са събрани и в тесте за Anki — програма за преговор на "
                  "интервали, която сама ви показва всяка карта, когато е време да я "
                  "преговорите: ",
        "link": "изтеглете тестето (.apkg)",
        "after": ". Отворете файла с Anki. Когато книгата бъде обновена, внесете новото "
                 "тесте: поправените карти се обновяват, вместо да се дублират, и напредъкът "
                 "ви се запазва.",
    },
    "en": {
        "deck": "Optimization in Deep Learning",
        "description": "The questions, the glossary and the review plan of the book "
                       "“Optimization in Deep Learning”.",
        "question_model": "Optimization in DL: question",
        "term_model": "Optimization in DL: term",
        "fields": ("Question", "Answer", "Source"),
        "term_fields": ("Term", "Translation", "Definition"),
        "cards": ("Question → answer", "Term → definition", "Definition → term",
                  "English → Bulgarian", "Bulgarian → English"),
        "ask_definition": "What does it mean?",
        "ask_term": "Which term is it?",
        "ask_other": "In Bulgarian?",
        "ask_this": "In English?",
        "glossary": "Glossary",
        "review": "Review plan",
        "tags": {"quiz": "quiz", "chapter": "chapter", "glossary": "glossary",
                 "review": "review-plan"},
        "before": "The questions of the quiz, of the chapters and of the review plan, together "
                  "with the glossary's terms, are also collected in a deck for Anki, a "
                  "spaced-repetition program that shows you each card when it is time to "
                  "review it: ",
        "link": "download the deck (.apkg)",
        "after": ". Open the file with Anki. When the book is updated, import the new deck: "
                 "corrected cards are updated instead of duplicated, and your progress is "
                 "kept.",
    },
}

CSS = """\
.card { font-family: "DejaVu Serif", Georgia, serif; font-size: 20px; line-height: 1.45;
        text-align: left; max-width: 38em; margin: 0 auto; color: black; background: white; }
.nightMode.card, .night_mode .card { color: #eee; background: #222; }
.source { font-size: 0.7em; opacity: 0.7; margin-bottom: 0.6em; }
.term { font-size: 1.3em; font-weight: bold; }
.ask { font-size: 0.8em; opacity: 0.7; margin-top: 0.4em; }
"""


def deck_file(lang: str) -> str:
    """The deck's path in the site of ``lang``: ``anki/optimization-in-deep-learning-bg.apkg``."""
    return f"{FOLDER}/optimization-in-deep-learning-{lang}.apkg"


def stable_id(*parts: str) -> int:
    """A fixed id for a deck or note type, in the range genanki recommends (2**30..2**31).

    >>> stable_id("deck", "bg") == stable_id("deck", "bg") != stable_id("deck", "en")
    True
    """
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(lang: str, key: str) -> str:
    """The note's guid: from the language and the item's key (labels), never its text."""
    import genanki

    return genanki.guid_for("optimization-in-deep-learning", lang, key)


# -- The note types ---------------------------------------------------------------------

def models(lang: str):
    """The two note types of one language: a question, and a glossary term."""
    import genanki

    t = TEXT[lang]
    question, answer, source = t["fields"]
    term, other, definition = t["term_fields"]
    front = f'<div class="source">{{{{{source}}}}}</div>{{{{{question}}}}}'
    question_model = genanki.Model(
        stable_id("question-model", lang), t["question_model"],
        fields=[{"name": name} for name in t["fields"]],
        templates=[{"name": t["cards"][0], "qfmt": front,
                    "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{answer}}}}}'}],
        css=CSS)
    shown_term = f'<div class="term">{{{{{term}}}}}</div>'
    shown_other = f'<div class="term">{{{{{other}}}}}</div>'
    term_templates = [
        {"name": t["cards"][1],
         "qfmt": f'{shown_term}<div class="ask">{t["ask_definition"]}</div>',
         "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{definition}}}}}'
                 f'{{{{#{other}}}}}{shown_other}{{{{/{other}}}}}'},
        {"name": t["cards"][2],
         "qfmt": f'{{{{{definition}}}}}<div class="ask">{t["ask_term"]}</div>',
         "afmt": f'{{{{FrontSide}}}}<hr id="answer">{shown_term}'},
        {"name": t["cards"][3],
         "qfmt": f'{{{{#{other}}}}}{shown_term}<div class="ask">{t["ask_other"]}</div>'
                 f'{{{{/{other}}}}}',
         "afmt": f'{{{{FrontSide}}}}<hr id="answer">{shown_other}'},
        {"name": t["cards"][4],
         "qfmt": f'{{{{#{other}}}}}{shown_other}<div class="ask">{t["ask_this"]}</div>'
                 f'{{{{/{other}}}}}',
         "afmt": f'{{{{FrontSide}}}}<hr id="answer">{shown_term}'},
    ]
    term_model = genanki.Model(
        stable_id("term-model", lang), t["term_model"],
        fields=[{"name": name} for name in t["term_fields"]], templates=term_templates, css=CSS)
    return question_model, term_model


# -- What goes into the deck ------------------------------------------------------------

def _title(env, docname: str) -> str:
    """The page's title, with its chapter number when it has one: ``2. Градиентен спуск``."""
    title = env.titles[docname].astext()
    number = env.toc_secnumbers.get(docname, {}).get("")
    return f"{'.'.join(map(str, number))}. {title}" if number else title


@dataclass(frozen=True)
class Items:
    """What the deck holds: questions with their kind (``"quiz"`` or ``"chapter"``), the
    review schedule with the page that holds it, and the glossary terms."""

    questions: list[tuple[str, review_cards.Question]]
    reviews: list[tuple[str, review_cards.Review]]
    terms: list[review_cards.Term]


@contextmanager
def pages_read_once(env):
    """While the deck is collected, each page's doctree is unpickled once, not once per
    numbered reference to it (a quarter of a second each for a chapter with figures). The
    pages are only looked at: each part taken for a card is a copy."""
    read = functools.cache(env.get_doctree)
    env.get_doctree = read
    try:
        yield
    finally:
        del env.get_doctree  # the class's method again


def resolved_parts(app, docname: str, parts) -> nodes.document:
    """Only ``parts(doctree)`` of a page, in a document of their own, references resolved.

    Resolving a whole chapter takes seconds: each numbered reference ({numref}) reads its
    target page again, and a chapter has dozens. The cards need a section or two. Sphinx's
    post-transforms run as for a page being written, but ``doctree-resolved`` is not sent:
    other extensions would take the part for the whole page (``notebook_bundle`` would write
    the page's notebook from it).
    """
    from copy import deepcopy

    from docutils.utils import new_document
    from sphinx.transforms import SphinxTransformer

    env = app.env
    tree = env.get_doctree(docname)
    fragment = new_document(tree["source"], tree.settings)
    for part in parts(tree):
        fragment += part.deepcopy()
    page = env.current_document
    env.current_document = deepcopy(page)
    env.current_document.docname = docname
    try:
        transformer = SphinxTransformer(fragment)
        transformer.set_environment(env)
        transformer.add_transforms(app.registry.get_post_transforms())
        transformer.apply_transforms()
    finally:
        env.current_document = page
    return fragment


def collect(app) -> Items:
    """The deck's items, read from the resolved pages: quiz, chapter questions (in the order
    of the chapters' names), review plan, glossary."""
    env = app.env
    std = env.domains.standard_domain
    labels = set(std.anonlabels)  # every (label)=, also those above a paragraph

    def sections(*names):
        return lambda tree: [review_cards.labelled_section(tree, name) for name in names]

    questions = []
    if "quiz" in std.labels:
        docname = std.labels["quiz"][0]
        page = resolved_parts(app, docname, lambda tree: list(tree.children))
        questions += [("quiz", q) for q in review_cards.page_questions(page, labels, docname)]
    chapter_sections = sorted(
        (docname, label) for label, (docname, _, _) in std.labels.items()
        if label.endswith("-questions"))
    for docname, label in chapter_sections:
        part = resolved_parts(app, docname, sections(label))
        questions += [("chapter", q) for q in review_cards.section_questions(
            review_cards.labelled_section(part, label), labels, docname)]
    reviews = []
    if "review-schedule" in std.labels:
        docname = std.labels["review-schedule"][0]
        part = resolved_parts(app, docname, sections("review-schedule", "review-checkpoints"))
        reviews = [(docname, r) for r in review_cards.review_schedule(part)]
    term_docs = sorted({docname for (kind, _), (docname, _) in std.objects.items()
                        if kind == "term"})
    terms = []
    for docname in term_docs:
        part = resolved_parts(app, docname, lambda tree: list(tree.findall(addnodes.glossary)))
        terms += review_cards.glossary_terms(part, docname)
    return Items(questions, reviews, terms)


def notes(app, items: Items):
    """The deck's notes, each with its guid, fields, tags and position among new cards."""
    import genanki

    lang = app.config.language
    t = TEXT[lang]
    question_model, term_model = models(lang)
    found = []

    def add(model, key, fields, tag):
        found.append(genanki.Note(model=model, fields=fields, guid=note_guid(lang, key),
                                  tags=[tag], due=len(found)))

    for kind, q in items.questions:
        number = app.env.toc_secnumbers.get(q.docname, {}).get("")
        tag = t["tags"][kind] + (f"-{'.'.join(map(str, number))}" if number else "")
        add(question_model, q.key, [q.question, q.answer, escape(_title(app.env, q.docname))],
            tag)
    for _, r in items.reviews:
        front = f"<strong>{escape(r.when)}</strong>: {escape(r.prompt)}"
        source = escape(f"{t['review']}: {r.chapter}")
        add(question_model, r.key, [front, r.checkpoint, source], t["tags"]["review"])
    for term in items.terms:
        add(term_model, term.key, [escape(term.name), escape(term.other_name), term.definition],
            t["tags"]["glossary"])
    return found


def sources(app, items: Items) -> list[Path]:
    """The files the cards come from: the pages that hold them and the modules that make them."""
    docnames = {q.docname for _, q in items.questions} | {d for d, _ in items.reviews}
    docnames |= {term.docname for term in items.terms}
    pages = [Path(app.env.doc2path(d)) for d in sorted(docnames)]
    return pages + [Path(__file__), Path(review_cards.__file__)]


def source_time(files: list[Path]) -> int:
    """The time of the newest commit that changed one of ``files``; outside a git checkout
    (or before their first commit), ``SOURCE_DATE_EPOCH`` (conf.py sets it)."""
    folder = files[0].parent if files else Path.cwd()
    try:
        done = subprocess.run(["git", "-C", str(folder), "log", "-1", "--format=%ct", "--",
                               *map(str, files)], capture_output=True, text=True, check=True)
        stamp = done.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        stamp = ""
    if stamp:
        return int(stamp)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} must be a whole number of seconds "
                         "when the book is not a git checkout")
    return int(epoch)


def write_deck(path: Path, deck, timestamp: int) -> None:
    """Write ``deck`` as an .apkg whose bytes depend only on its content and ``timestamp``."""
    import genanki

    path.parent.mkdir(parents=True, exist_ok=True)
    date = time.gmtime(timestamp)[:6]
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(raw), timestamp=timestamp)
        with zipfile.ZipFile(raw) as made, zipfile.ZipFile(path, "w") as out:
            for name in made.namelist():  # genanki stamps the entries with the time of now
                entry = zipfile.ZipInfo(name, date_time=date)
                entry.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(entry, made.read(name))


def _build_deck(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import genanki

    lang = app.config.language
    with pages_read_once(app.env):
        items = collect(app)
    found = notes(app, items)
    if not found:
        return  # a book without quiz, questions or glossary (e.g. a test's tiny book)
    deck = genanki.Deck(stable_id("deck", lang), TEXT[lang]["deck"], TEXT[lang]["description"])
    for note in found:
        deck.add_note(note)
    write_deck(Path(app.outdir) / deck_file(lang), deck, source_time(sources(app, items)))


# -- The link on the pages --------------------------------------------------------------

class anki_deck_link(nodes.General, nodes.Element):
    """The paragraph that links to the deck: shown on the site, left out of the PDF."""


class AnkiDeck(SphinxDirective):
    """``{anki-deck}``: a paragraph in the page's language with the link to the deck."""

    has_content = False

    def run(self):
        lang = self.config.language
        if lang not in TEXT:
            raise self.error(f"language={lang!r}: the deck's texts exist for {sorted(TEXT)}")
        t = TEXT[lang]
        here = posixpath.dirname(self.env.docname)
        uri = posixpath.relpath(deck_file(lang), here or ".")
        link = nodes.reference("", t["link"], refuri=uri, internal=True,
                               classes=["anki-deck-download"])
        paragraph = nodes.paragraph("", "", nodes.Text(t["before"]), link, nodes.Text(t["after"]))
        return [anki_deck_link("", paragraph, classes=["anki-deck"])]


def _visit_site(self, node):
    self.body.append(self.starttag(node, "div"))


def _depart_site(self, node):
    self.body.append("</div>\n")


def _skip(self, node):
    raise nodes.SkipNode


def setup(app):
    app.add_node(anki_deck_link, html=(_visit_site, _depart_site), latex=(_skip, None),
                 text=(_skip, None), man=(_skip, None), texinfo=(_skip, None))
    app.add_directive("anki-deck", AnkiDeck)
    app.connect("build-finished", _build_deck)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
