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
                assert re.search(r"^\s*caption:", opts, re.M), f"{lang}/{name}:{cell.line} no caption"
                assert re.search(r"^\s*alt:\s*\S", opts, re.M), f"{lang}/{name}:{cell.line} no alt text"
