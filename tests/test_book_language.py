"""Each page is in its own language and uses the book's terms (run by `make check`).

- One term per concept: book/terminology.toml lists, per language, the term the book uses
  for a concept and the variants that must not appear; the English rules also hold for the
  files of src/ that English pages include (the site shows their docstrings).
- Numbers on Bulgarian pages have a decimal comma (``0,5``, in math ``0{,}5``).
- An English page has no Bulgarian prose (Bulgarian names of glossary terms excepted).
- No page is an unfinished copy of a template in book/_templates/pages/: no template label
  (``ch-topic``…), no template hint line (``% …``), no placeholder title.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from bookfiles import BOOK, LANGS, Page, pages

RULES = tomllib.loads((BOOK / "terminology.toml").read_text(encoding="utf-8"))
TEMPLATES = sorted((BOOK / "_templates" / "pages").glob("*.md"))
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

#: Words after which "N.M" is a number of a chapter, exercise, figure or version, not a decimal.
NUMBERED = (r"(?:задач\w*|глав\w*|раздел\w*|фигур\w*|таблиц\w*|уравнени\w*"
            r"|Python|torch|numpy|версия)")


def _rules(lang, prose_only=False):
    return [(rule["concept"], rule["use"], pattern, 0 if rule.get("case_sensitive") else re.I)
            for rule in RULES[lang] if rule.get("prose_only", False) == prose_only
            for pattern in rule["avoid"]]


def test_the_terminology_file_has_rules_for_both_languages():
    assert len(RULES["bg"]) >= 8 and len(RULES["en"]) >= 3
    for lang in LANGS:
        for concept, use, pattern, flags in _rules(lang):
            re.compile(pattern, flags)  # a broken expression fails here, named
            assert not re.search(pattern, use, flags), f"{concept}: {use!r} matches its own rule"


@pytest.mark.parametrize("lang", LANGS)
def test_one_term_per_concept(lang):
    problems = []
    for name, path in pages(lang).items():
        # the glossary gives each term's name in the other language too ("Nesterov momentum")
        names = {n for entry in Page(path).glossary_entries for n in entry}
        everywhere = list(enumerate(path.read_text(encoding="utf-8").splitlines(), 1))
        for lines, prose_only in ((everywhere, False), (Page(path).prose, True)):
            for k, line in lines:
                if line.strip() in names:
                    continue
                for concept, use, pattern, flags in _rules(lang, prose_only):
                    for m in re.finditer(pattern, _without_code(line) if prose_only else line,
                                         flags):
                        problems.append(f"book/{lang}/{name}.md:{k}: {m.group(0)!r} — for "
                                        f"{concept} the book writes {use!r}")
    assert not problems, "\n".join(problems)


def _included_sources(lang: str) -> list[Path]:
    """The files the pages of one language show with ```{literalinclude}``` (the code of dlopt)."""
    found = set()
    for path in pages(lang).values():
        text = path.read_text(encoding="utf-8")
        targets = re.findall(r"^```\{literalinclude\}[ \t]+(\S+)", text, flags=re.M)
        assert len(targets) == text.count("{literalinclude}"), \
            f"{path.relative_to(BOOK.parent)}: a literalinclude this test cannot read"
        found |= {(path.parent / target).resolve() for target in targets}
    return sorted(found)


def test_english_pages_include_code_with_the_books_spelling():
    """The docstrings and comments an English page includes from src/ are shown on the page, so
    the [[en]] rules (US spelling) hold for them too; the page-wide rules cannot see them."""
    included = _included_sources("en")
    problems = []
    for path in included:
        assert path.is_file(), f"an English page includes {path}, which does not exist"
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for concept, use, pattern, flags in _rules("en") + _rules("en", prose_only=True):
                problems += [f"{path.relative_to(BOOK.parent)}:{k}: {m.group(0)!r} — for {concept} "
                             f"the book writes {use!r} (an English page shows this file)"
                             for m in re.finditer(pattern, line, flags)]
    assert not problems, "\n".join(problems)


def _without_code(text: str) -> str:
    """Prose with inline code, roles' targets, links and file names taken out."""
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)|https?://\S+|\b[\w/-]+\.(?:py|md|pdf|txt|ipynb)\b", " ", text)
    return text


def decimal_points(text: str) -> list[str]:
    """Numbers written with a decimal point in Bulgarian text (and its inline math).

    >>> decimal_points("η = 0.5 и $0.1$, но 0,5, $0{,}1$, задача 3.2, Python 3.11, `x = 0.5`")
    ['0.5', '0.1']
    """
    text = re.sub(rf"{NUMBERED}\s+\d+(\.\d+)+", " ", _without_code(text), flags=re.I)
    return re.findall(r"(?<![\w.])\d+\.\d+\b", text)


def test_bulgarian_numbers_have_a_decimal_comma():
    problems = [f"book/bg/{name}.md:{line}: {found} — write {found.replace('.', ',')} "
                f"(in math {found.replace('.', '{,}')})"
                for name, path in pages("bg").items() for line, text in Page(path).prose
                for found in decimal_points(text)]
    assert not problems, "\n".join(problems)


def test_english_pages_have_no_bulgarian_prose():
    """Bulgarian words may stand on an English page only as the Bulgarian name of a glossary
    term (key-concepts) or inside quotation of a name («…», “…”)."""
    bulgarian_names = {n for names in Page(pages("bg")["key-concepts"]).glossary_entries
                       for n in names}
    problems = []
    for name, path in pages("en").items():
        for line, text in Page(path).prose:
            rest = _without_code(text)
            rest = re.sub(r"“[^”]*”|„[^“]*“|«[^»]*»", " ", rest)
            if text.strip() in bulgarian_names:
                continue
            if CYRILLIC.search(rest):
                problems.append(f"book/en/{name}.md:{line}: Bulgarian text: {text.strip()[:80]}")
    assert not problems, "\n".join(problems)


def _template_marks():
    labels, titles = set(), set()
    for template in TEMPLATES:
        page = Page(template)
        labels |= set(page.labels)
        titles |= {t for t in page.heading_texts if re.search(r"Заглавие|Кратко име", t)}
    return labels, titles


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_is_an_unfinished_template(lang):
    labels, titles = _template_marks()
    assert "ch-topic" in labels and titles, "the templates lost their labels or titles"
    problems = []
    for name, path in pages(lang).items():
        page = Page(path)
        problems += [f"book/{lang}/{name}.md: template label ({label})= left in"
                     for label in page.labels if label in labels]
        problems += [f"book/{lang}/{name}.md: template title {title!r} left in"
                     for title in page.heading_texts if title in titles]
        problems += [f"book/{lang}/{name}.md:{k}: template hint line left in: {line[:60]}"
                     for k, line in enumerate(page.lines, 1) if line.startswith("%")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_references_read_as_sentences(lang):
    """A bare {ref}`label` prints the target's whole title ("3. Стохастичен градиентен спуск и
    батчове") into the sentence; a reference names its target in words ({ref}`текст <label>`)
    or by number ({numref}`глава %s <label>`). A bare {numref} ("Фигура 4.2") reads well at the
    start of a sentence (test_figure_references_read_as_sentences)."""
    problems = [f"book/{lang}/{name}.md:{line}: {m.group(0)} — give it text: "
                f"{{ref}}`… <{m.group(1)}>` or {{numref}}`… %s <{m.group(1)}>`"
                for name, path in pages(lang).items() for line, text in Page(path).prose
                for m in re.finditer(r"\{ref\}`([^<`]+)`", text)]
    assert not problems, "\n".join(problems)


FIGURE_WORD = {"bg": "фигура", "en": "figure"}
# "cf. figure 2", "т.нар. …": a full stop after these does not end a sentence.
ABBREVIATIONS = (r"(?:cf|vs|fig|e\.g|i\.e|et al|ср|др|т\. ?нар|т\. ?н|т\. ?е|гл|стр|вкл|вж|напр|"
                 r"англ|прибл|фиг)")
# A line after which a new sentence starts: a directive, its option, a heading, a caption key.
OPENING_LINE = re.compile(
    r"^\s*(?:(?::::*|```+)\{[^}]*\}.*|:[\w-]+:.*|#+ .*|(?:caption|alt):\s*\|?\s*)$")


def starts_a_sentence(text: str, pos: int) -> bool:
    r"""Whether ``text[pos:]`` begins a sentence: the start of a paragraph, of a list item, of a
    directive's body or a caption, the line under a heading; after ., !, ? or … (also followed by
    a closing bracket, quote or emphasis mark), but not after an abbreviation ("e.g.", „вж.“);
    after a bold lead-in that ends in a full stop or colon.

    >>> starts_a_sentence("One. Two", 5), starts_a_sentence("in figure", 3)
    (True, False)
    >>> starts_a_sentence("text\n\nNew", 6), starts_a_sentence("(see e.g. X", 10)
    (True, False)
    >>> starts_a_sentence("(cf. X", 5), starts_a_sentence("Кескар и др. X", 13)
    (False, False)
    >>> starts_a_sentence(":::{dropdown} Answer\nX", 21)
    True
    >>> starts_a_sentence("  caption: |\n      X", 19)
    True
    >>> starts_a_sentence("the “edge.” X", 12), starts_a_sentence("*A point.* X", 11)
    (True, True)
    >>> starts_a_sentence("## Title\nX", 9), starts_a_sentence("Text. **Second try.** X", 22)
    (True, True)
    >>> starts_a_sentence("is called\n**SGD** X", 18)
    False
    >>> starts_a_sentence("Той каза „Спри!“ X", 17), starts_a_sentence("моментум и т.н. X", 16)
    (True, False)
    """
    before = text[:pos]
    stripped = before.rstrip()
    if not stripped or re.search(r"\n[ \t]*\n[ \t]*$", before):
        return True
    line_start = before.rfind("\n") + 1
    if not before[line_start:].strip():  # first thing on its line: look at the line above
        previous = before[:line_start].rstrip("\n").rsplit("\n", 1)[-1]
        if OPENING_LINE.match(previous):
            return True
    if re.search(rf"(?:^|[\s(„“\"])(?i:{ABBREVIATIONS})\.$", stripped):
        return False
    return bool(re.search(r"[.!?…][)\]”“\"’»*_]*$", stripped)
                or re.search(r"(^|\n)[ \t]*(-|\*|\d+\.)[ \t]*$", before)
                or re.search(r"\*\*[^*\n]+[.:!?]\*\*[.:]?$", stripped))


@pytest.mark.parametrize("lang", LANGS)
def test_figure_references_read_as_sentences(lang):
    """A figure reference prints "Фигура 4.2"/"Figure 4.2" at the start of a sentence (a bare
    {numref}`fig-…`, or the word written with a capital) and "фигура 4.2"/"figure 4.2" inside one,
    as the book writes "глава 3"/"chapter 3"; never an abbreviation ("фиг."). Captions included."""
    word = FIGURE_WORD[lang]
    problems = []
    for name, path in pages(lang).items():
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\{numref\}`(?:([^`<>]*)<)?(fig-[^`<>\s]+)>?`", text):
            where = f"book/{lang}/{name}.md:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            title, label, start = m.group(1), m.group(2), starts_a_sentence(text, m.start())
            placeholder = re.fullmatch(r"\s*(\S+) (?:%s|\{number\})[a-zа-я]?\s*", title or "")
            shown = placeholder.group(1) if placeholder else None  # the word before the number
            if title is not None and shown not in (word, word.capitalize()):
                problems.append(f"{where} — write the word in full with the number: {word} %s")
            elif start and shown == word:
                problems.append(f"{where} starts a sentence — write {{numref}}`{label}`")
            elif not start and shown != word:
                problems.append(
                    f"{where} inside a sentence — write {{numref}}`{word} %s <{label}>`")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_glued_numbers_use_the_glue_role(lang):
    """{glue:text} re-reads the glued text as a Python literal, so "0,25" (from
    dlopt.report.Numbers) would print as "(0, 25)" and "0.10" as "0.1": pages write
    {glue}`name`, which shows the text as the cell formatted it."""
    problems = [f"book/{lang}/{name}.md:{k}: {{glue:text}} — write {{glue}}`name`"
                for name, path in pages(lang).items()
                for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "{glue:text}" in line]
    assert not problems, "\n".join(problems)
