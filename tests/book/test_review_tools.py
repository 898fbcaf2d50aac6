"""The review tools of the built sites: the Anki deck, the calendar file and the checklist.

* The deck (``<lang>/anki/*.apkg``, book/_ext/anki_deck.py) opens as an Anki collection:
  a zip with ``collection.anki2``, read here with sqlite3. Its notes are counted and keyed
  from the *sources* (quiz labels, the chapters' question sections, the glossary entries,
  the schedule's rows), so a question the deck missed, or a guid made from text instead of
  labels, fails. (Two builds giving the same bytes, and a correction keeping the guids, are
  shown on a tiny book: tests/book_build/test_anki_deck.py.)
* The calendar (``.ics``) is made in the browser by ``_static/review-ics.js``; here the same
  file runs under ``node`` with the plan that the built page embeds, and the Python package
  icalendar parses what it wrote: four events at +1, +3, +7 and +30 days, each with its
  summary, prompt and the address of its chapter.
* The checklist: one labelled checkbox per review, in the page's language.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from functools import cache
from urllib.parse import urlsplit

import pytest
from bookfiles import BOOK, LANGS, ROOT, Page
from sitefiles import SITE, parsed

sys.path.insert(0, str(BOOK / "_ext"))
import anki_deck  # noqa: E402

try:
    import icalendar
except ImportError:  # one clear line, never a skip
    icalendar = None

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
INTERVALS = [1, 3, 7, 30]  # the review plan: 1 day, 3 days, 1 week, 1 month
ICS_JS = BOOK / "_static" / "review-ics.js"
BASE = "https://example.org/{lang}/review-plan.html"


def squeeze(text: str) -> str:
    return " ".join(text.split())


def html_escaped(tex: str) -> str:
    return squeeze(tex).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline_math(text: str) -> list[str]:
    """The ``$…$`` spans of MyST text (not ``$$``)."""
    return re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", text)


# -- What the sources say the deck must hold -------------------------------------------------

def quiz_questions(lang: str) -> dict[str, str]:
    """label -> the MyST text of its section, for every question of the quiz."""
    text = Page(BOOK / lang / "quiz.md").text
    parts = re.split(r"^\((quiz-[\w-]+)\)=\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def chapter_questions(lang: str) -> dict[str, str]:
    """``<section label>-<n>`` -> the MyST text of the n-th question of a chapter's questions
    section (from its bold line to the end of its answer's dropdown)."""
    found = {}
    for path in sorted((BOOK / lang / "chapters").glob("*.md")):
        text = Page(path).text
        for m in re.finditer(r"^\(([\w-]+-questions)\)=\n#+ .*\n", text, flags=re.M):
            section = re.split(r"^\([\w-]+\)=$|^#{1,2} ", text[m.end():], flags=re.M)[0]
            pairs = re.findall(r"^\*\*.+?\*\*\n\n:::\{dropdown\}.*?^:::$", section,
                               flags=re.M | re.S)
            assert pairs, f"{path}: {m.group(1)} holds no questions"
            for n, pair in enumerate(pairs, start=1):
                found[f"{m.group(1)}-{n}"] = pair
    return found


def glossary(lang: str) -> dict[str, tuple[list[str], str]]:
    """``term-<id of the Latin-script name>`` -> (names, definition text) of every entry."""
    from sphinx.util.nodes import _make_id

    page = Page(BOOK / lang / "key-concepts.md")
    body = next(b.body for b in page.blocks if b.directive == "{glossary}")
    entries, names, definition = {}, [], []
    for line in [*body, ""]:
        if line.strip() and not line.startswith((" ", "\t")):
            if definition:
                entries[names_key(names, _make_id)] = (names, " ".join(definition))
                names, definition = [], []
            names.append(line.strip())
        elif line.strip():
            definition.append(line.strip())
    if definition:
        entries[names_key(names, _make_id)] = (names, " ".join(definition))
    assert len(entries) == len(page.glossary_entries)
    return entries


def names_key(names: list[str], make_id) -> str:
    latin = next(n for n in names if not CYRILLIC.search(n))
    return f"term-{make_id(latin)}"


def schedule(lang: str) -> list[list[str]]:
    """The rows (when, prompt, chapter) of the review plan's table, header left out."""
    page = Page(BOOK / lang / "review-plan.md")
    table = next(b for b in page.blocks if b.directive == "{list-table}")
    rows: list[list[str]] = []
    for line in table.body:
        if line.startswith("* - "):
            rows.append([line[4:].strip()])
        elif line.strip().startswith("- ") and rows:
            rows[-1].append(line.strip()[2:].strip())
    return rows[1:]


def expected_keys(lang: str) -> dict[str, list[str]]:
    return {
        "quiz": list(quiz_questions(lang)),
        "chapter": list(chapter_questions(lang)),
        "review": [f"review-schedule-{d}" for d in INTERVALS],
        "glossary": list(glossary(lang)),
    }


# -- The deck --------------------------------------------------------------------------------

def deck(lang: str):
    return SITE / lang / anki_deck.deck_file(lang)


@cache
def collection(lang: str, folder: str) -> dict:
    """The deck's notes (guid -> fields, tags, mod), note types and decks, read with sqlite3."""
    path = deck(lang)
    assert path.is_file(), f"{path} is not built: run `make html`"
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["collection.anki2", "media"], z.namelist()
        db_path = f"{folder}/collection-{lang}.anki2"
        with open(db_path, "wb") as out:
            out.write(z.read("collection.anki2"))
        dates = {info.date_time for info in z.infolist()}
    with sqlite3.connect(db_path) as db:
        notes = {guid: (flds.split("\x1f"), tags.split(), mod, mid) for guid, flds, tags, mod, mid
                 in db.execute("SELECT guid, flds, tags, mod, mid FROM notes")}
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    return {"notes": notes, "cards": cards, "models": models, "decks": decks, "dates": dates}


@pytest.fixture(scope="module")
def anki(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("anki"))
    return lambda lang: collection(lang, folder)


def by_key(anki, lang: str, keys: list[str]) -> list[list[str]]:
    notes = anki(lang)["notes"]
    return [notes[anki_deck.note_guid(lang, key)][0] for key in keys]


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_is_linked_from_the_quiz_and_the_review_plan(lang):
    for page in ("quiz", "review-plan"):
        html = SITE / lang / f"{page}.html"
        links = [a["href"] for a in parsed(html).anchors() if a.get("href", "").endswith(".apkg")]
        assert len(links) == 1, f"{html}: {links}"
        assert (html.parent / links[0]).resolve() == deck(lang).resolve()


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_holds_one_note_per_question_term_and_review_keyed_by_labels(lang, anki):
    keys = expected_keys(lang)
    notes = anki(lang)["notes"]
    expected = {anki_deck.note_guid(lang, k) for kind in keys.values() for k in kind}
    assert len(notes) == sum(map(len, keys.values())), {k: len(v) for k, v in keys.items()}
    assert set(notes) == expected, "each note's guid comes from its labels"
    tags = anki_deck.TEXT[lang]["tags"]
    for kind, kind_keys in keys.items():
        tagged = [guid for guid, (_, note_tags, _, _) in notes.items()
                  if any(tag.startswith(tags[kind]) for tag in note_tags)]
        assert sorted(tagged) == sorted(anki_deck.note_guid(lang, k) for k in kind_keys), kind


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_has_its_note_types_cards_and_name_in_the_page_language(lang, anki):
    col = anki(lang)
    t = anki_deck.TEXT[lang]
    names = sorted(m["name"] for m in col["models"].values())
    assert names == sorted([t["question_model"], t["term_model"]])
    assert [d["name"] for d in col["decks"].values() if d["name"] != "Default"] == [t["deck"]]
    keys = expected_keys(lang)
    questions = len(keys["quiz"]) + len(keys["chapter"]) + len(keys["review"])
    terms = glossary(lang).values()
    bilingual = sum(1 for names, _ in terms if len(names) > 1)
    # a question: one card; a term: term -> definition and back, and for two names both ways
    assert col["cards"] == questions + 2 * len(terms) + 2 * bilingual


@pytest.mark.parametrize("lang", LANGS)
def test_the_fields_are_in_the_page_language(lang, anki):
    keys = expected_keys(lang)
    own = (lambda s: CYRILLIC.search(s)) if lang == "bg" else (lambda s: not CYRILLIC.search(s))
    for kind in ("quiz", "chapter", "review"):
        for key, (question, answer, source) in zip(keys[kind], by_key(anki, lang, keys[kind]),
                                                  strict=True):
            for name, field in (("question", question), ("answer", answer), ("source", source)):
                assert field.strip() and own(field), f"{lang} {key}: {name} {field[:80]!r}"
    for key, (term, other, definition) in zip(keys["glossary"],
                                              by_key(anki, lang, keys["glossary"]), strict=True):
        names, _ = glossary(lang)[key]
        printed = [name.replace("’", "'") for name in (term, other)]  # smart quotes: Newton’s
        assert printed == [names[0], names[1] if len(names) > 1 else ""], key
        assert own(definition), f"{lang} {key}: definition {definition[:80]!r}"
        if other and lang == "bg":
            assert CYRILLIC.search(term) and not CYRILLIC.search(other), key
        elif other:
            assert not CYRILLIC.search(term) and CYRILLIC.search(other), key


@pytest.mark.parametrize("lang", LANGS)
def test_math_is_written_for_ankis_mathjax(lang, anki):
    """Every ``$…$`` of an answer or a definition is in its note as ``\\(…\\)``."""
    checked = 0
    texts = {**quiz_questions(lang), **chapter_questions(lang),
             **{k: d for k, (_, d) in glossary(lang).items()}}
    notes = anki(lang)["notes"]
    for key, text in texts.items():
        fields = squeeze(" ".join(notes[anki_deck.note_guid(lang, key)][0]))
        for tex in inline_math(text):
            assert f"\\({html_escaped(tex)}\\)" in fields, f"{lang} {key}: ${tex}$"
            checked += 1
    assert checked > 50, f"only {checked} formulas found: is the sources' parser broken?"
    for fields, *_ in notes.values():
        assert not any(inline_math(f) for f in fields), "a $…$ left for Anki to show as text"


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_is_stamped_with_its_sources_last_commit(lang, anki):
    """Not with the time of the build: the same commit gives the same file."""
    import time

    pages = ["quiz.md", "key-concepts.md", "review-plan.md", "chapters"]
    files = [f"book/{lang}/{p}" for p in pages] + [
        "book/_ext/anki_deck.py", "book/_ext/review_cards.py"]
    done = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", *files],
                          capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():
        pytest.fail("the deck's time stamp needs the book as a git checkout with history")
    stamp = int(done.stdout)
    col = anki(lang)
    assert {mod for _, _, mod, _ in col["notes"].values()} == {stamp}
    *minute, second = time.gmtime(stamp)[:6]
    assert col["dates"] == {(*minute, second - second % 2)}  # zip keeps even seconds


# -- The calendar file -------------------------------------------------------------------------

def plan(lang: str) -> dict:
    """The plan that the built review-plan page embeds for its scripts."""
    html = (SITE / lang / "review-plan.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="review-plan-data">(.*?)</script>',
                  html, re.S)
    assert m, "the review plan embeds no plan for its calendar"
    return json.loads(m.group(1))


def run_node(script: str, *args: str) -> subprocess.CompletedProcess:
    if shutil.which("node") is None:
        pytest.fail("node is missing: sudo apt-get install nodejs (make node does it)")
    done = subprocess.run(["node", "-e", script, str(ICS_JS), *args], capture_output=True,
                          timeout=60)  # bytes: the file's CRLF line ends are checked as such
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done


BUILD_CALENDAR = """
const ics = require(process.argv[1]);
const plan = JSON.parse(process.argv[2]);
const now = new Date(Date.UTC(2026, 0, 2, 8, 30, 0));
process.stdout.write(ics.buildCalendar(plan, process.argv[3], {baseUrl: process.argv[4], now}));
"""


def calendar(lang: str, studied: str) -> bytes:
    done = run_node(BUILD_CALENDAR, json.dumps(plan(lang)), studied, BASE.format(lang=lang))
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("studied", ["2026-03-28", "2026-12-30"])  # DST change, year end
@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_has_the_four_reviews_with_prompt_and_chapter_link(lang, studied):
    if icalendar is None:
        pytest.fail("icalendar is missing: pip install -r requirements.txt")
    raw = calendar(lang, studied)
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    day = date.fromisoformat(studied)
    assert [e.decoded("DTSTART") for e in events] == [day + timedelta(d) for d in INTERVALS]
    assert [e.decoded("DTEND") for e in events] == [day + timedelta(d + 1) for d in INTERVALS]
    assert len({str(e["UID"]) for e in events}) == 4
    for event, (when, prompt, chapter) in zip(events, schedule(lang), strict=True):
        doc = re.fullmatch(r"\{doc\}`([^`]+)`", chapter).group(1)
        title = Page(BOOK / lang / f"{doc}.md").heading_texts[0]
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert when in summary and title in summary, summary
        assert bool(CYRILLIC.search(summary)) == (lang == "bg"), summary
        assert squeeze(prompt) in squeeze(description), description
        url = str(event["URL"])
        assert url == f"https://example.org/{lang}/{doc}.html" and url in description
        assert (SITE / lang / urlsplit(url).path.removeprefix(f"/{lang}/")).is_file()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75, "RFC 5545 folds lines at 75 octets"


def test_the_calendar_refuses_a_date_that_does_not_exist():
    done = run_node(BUILD_CALENDAR, json.dumps(plan("en")), "2026-02-30", BASE.format(lang="en"))
    assert done.returncode != 0
    assert 'studied="2026-02-30" must be a calendar date written YYYY-MM-DD' in done.stderr


# -- The checklist -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_checklist_has_a_labelled_checkbox_per_review(lang):
    page = parsed(SITE / lang / "review-plan.html")
    html = (SITE / lang / "review-plan.html").read_text(encoding="utf-8")
    boxes = [a for tag, a in page.tags if tag == "input" and a.get("type") == "checkbox"]
    assert [int(b["data-days"]) for b in boxes] == INTERVALS
    for box, (when, prompt, _) in zip(boxes, schedule(lang), strict=True):
        label = re.search(rf'<label for="{box["id"]}">(.*?)</label>', html, re.S)
        assert label, f"checkbox {box['id']} has no label"
        text = re.sub(r"<[^>]+>", "", label.group(1))
        assert when in text and squeeze(prompt) in squeeze(text), text
    date_input = next(a for tag, a in page.tags if tag == "input" and a.get("type") == "date")
    assert f'<label for="{date_input["id"]}">' in html
    scripts = [a["src"].split("?")[0] for tag, a in page.tags if tag == "script" and "src" in a]
    for script in ("_static/review-ics.js", "_static/review-plan.js"):
        assert script in scripts and (SITE / lang / script).is_file(), script
    quiz = [a.get("src", "") for tag, a in parsed(SITE / lang / "quiz.html").tags
            if tag == "script"]
    assert not any("review-plan" in s for s in quiz), "the scripts belong to the review plan only"
