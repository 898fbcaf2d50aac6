"""The two languages of the book have the same structure (checked on the MyST sources).

Bulgarian is the original and English its translation: both trees must have the
same pages, the same headings, labels, glossary terms, figures and code cells,
and code cells may differ only in string literals (labels, captions) and comments.
"""

from __future__ import annotations

import re

import pytest
from bookfiles import BOOK, LANGS, SEED_SECTIONS, Page, code_skeleton, pages

BG, EN = (pages(lang) for lang in LANGS)
PAIRS = sorted(set(BG) & set(EN))


def test_both_languages_have_the_same_pages():
    assert sorted(BG) == sorted(EN), (
        f"only in bg: {sorted(set(BG) - set(EN))}; only in en: {sorted(set(EN) - set(BG))}"
    )


@pytest.mark.parametrize("label, page", sorted(SEED_SECTIONS.items()))
@pytest.mark.parametrize("lang", LANGS)
def test_every_section_of_the_lesson_is_a_page(lang, label, page):
    path = BOOK / lang / f"{page}.md"
    assert path.is_file(), f"{path} is missing"
    assert label in Page(path).labels, f"{path} has no target ({label})="


@pytest.mark.parametrize("name", PAIRS)
class TestParity:
    def test_same_headings(self, name):
        assert Page(BG[name]).headings == Page(EN[name]).headings

    def test_same_labels(self, name):
        assert Page(BG[name]).labels == Page(EN[name]).labels

    def test_same_figures(self, name):
        assert Page(BG[name]).figures == Page(EN[name]).figures

    def test_same_directives(self, name):
        kinds = [[b.directive for b in Page(p).blocks] for p in (BG[name], EN[name])]
        assert kinds[0] == kinds[1]

    def test_code_cells_differ_only_in_strings_and_comments(self, name):
        bg, en = Page(BG[name]).code_cells, Page(EN[name]).code_cells
        assert len(bg) == len(en), f"{len(bg)} code cells in bg, {len(en)} in en"
        for k, (a, b) in enumerate(zip(bg, en, strict=True)):
            assert code_skeleton("\n".join(a.body)) == code_skeleton("\n".join(b.body)), (
                f"code cell {k + 1} (bg line {a.line}, en line {b.line}) differs beyond strings"
            )
            assert _tags(a) == _tags(b), f"code cell {k + 1} has different tags"

    def test_same_executability(self, name):
        assert Page(BG[name]).has_kernel() == Page(EN[name]).has_kernel()


def _tags(cell) -> str:
    return " ".join(re.findall(r"tags:\s*(\[.*?\])", "\n".join(cell.options)))


def test_glossaries_define_the_same_terms():
    bg = Page(BG["key-concepts"]).glossary_terms
    en = Page(EN["key-concepts"]).glossary_terms
    assert len(bg) >= 20, "the glossary must hold every term of the lesson"
    assert sorted(bg, key=str.lower) == sorted(en, key=str.lower)


CYRILLIC, LATIN = re.compile(r"[\u0400-\u04ff]"), re.compile(r"[A-Za-z]")


def _mixed_scripts(name: str) -> list[str]:
    """Words that mix Cyrillic and Latin letters: a look-alike letter typed by mistake."""
    return [w for w in re.findall(r"\w+", name) if CYRILLIC.search(w) and LATIN.search(w)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_glossary_entry_names_the_term_in_both_languages(lang):
    """An entry is its name in the page's language, then in the other one (``батч`` then
    ``batch`` in Bulgarian, the reverse in English); a name that is the same in both
    (``Adam``) stands alone. No word may mix Cyrillic and Latin letters."""
    other = "en" if lang == "bg" else "bg"
    problems = []
    for names in Page(pages(lang)["key-concepts"]).glossary_entries:
        problems += [f"{names}: {w!r} mixes Cyrillic and Latin letters"
                     for n in names for w in _mixed_scripts(n)]
        if len(names) == 1 and not CYRILLIC.search(names[0]):
            continue  # a name used as it is in both languages
        if len(names) != 2:
            problems.append(f"{names}: no counterpart: give the {lang} name, then the {other} one")
            continue
        bg, en = names if lang == "bg" else names[::-1]
        if not CYRILLIC.search(bg):
            problems.append(f"{names}: the Bulgarian name {bg!r} has no Cyrillic letter")
        if CYRILLIC.search(en):
            problems.append(f"{names}: the English name {en!r} has Cyrillic letters")
    assert not problems, f"glossary of book/{lang}/key-concepts.md:\n" + "\n".join(problems)


def test_glossaries_pair_the_same_names_in_the_same_order():
    def pairs(lang):
        entries = Page(pages(lang)["key-concepts"]).glossary_entries
        return [tuple(e if lang == "bg" else e[::-1]) for e in entries]

    bg, en = pairs("bg"), pairs("en")
    only_bg, only_en = [p for p in bg if p not in en], [p for p in en if p not in bg]
    assert not only_bg and not only_en, (
        f"glossary entries with no counterpart — only in bg: {only_bg}; only in en: {only_en}")
    assert bg == en, "the two glossaries list the same entries in a different order"


@pytest.mark.parametrize("lang", LANGS)
def test_every_exercise_has_a_hidden_executed_solution(lang):
    for name, path in pages(lang).items():
        page = Page(path)
        exercises = [b for b in page.blocks if b.directive == "{admonition}"
                     and re.match(r"(Задача|Exercise)\b", b.argument)]
        solutions = [c for c in page.code_cells if "hide-cell" in _tags(c)
                     and re.search(r"code_prompt_show:.*(Решение|Solution)", "\n".join(c.options))]
        assert len(exercises) == len(solutions), (
            f"{lang}/{name}: {len(exercises)} exercises but {len(solutions)} hidden solution cells"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_a_caption_and_alt_text(lang):
    for name, path in pages(lang).items():
        for cell in Page(path).code_cells:
            opts = "\n".join(cell.options)
            if re.search(r"^\s*figure:", opts, re.M):
                where = f"{lang}/{name}:{cell.line}"
                assert re.search(r"^\s*caption:", opts, re.M), f"{where} no caption"
                assert re.search(r"^\s*alt:\s*\S", opts, re.M), f"{where} no alt text"


#: An operator name as a bare subscript or superscript (``\sigma_\max``): MathJax draws it,
#: LaTeX stops with "Missing { inserted" and the PDF is not built. ``\sigma_{\max}`` works in both.
BARE_OPERATOR = re.compile(r"[_^]\\(max|min|log|exp|sup|inf|arg|det|lim)\b")


@pytest.mark.parametrize("lang", LANGS)
def test_operator_subscripts_have_braces(lang):
    found = [f"{path.relative_to(BOOK)}:{n}: {line.strip()}"
             for path in pages(lang).values()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if BARE_OPERATOR.search(line)]
    assert not found, "write _{\\max}, not _\\max (LaTeX needs the braces):\n" + "\n".join(found)
