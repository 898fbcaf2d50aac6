"""The PDFs (``make pdf``): complete, Cyrillic everywhere, every figure, no broken reference,
and printed as a book: code, tables and formulas within the text block, no blank pages,
a real table of contents, no pages about the build, library code in the book's language,
the answers collected at the end.

The figures are vector graphics (PDF), so ``pdfimages`` — which lists raster images
only — cannot count them; each figure is counted by its numbered caption in the text
and by its ``\\sphinxincludegraphics`` in the LaTeX source instead.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from functools import cache

import pytest
from bookfiles import BOOK, LANGS, ROOT, Page, pages

sys.path.insert(0, str(BOOK / "_ext"))
import print_code  # noqa: E402  (book/_ext: the print edition's code font and width)

BUILD = ROOT / "_build"
FIGURE_WORD = {"bg": "Фигура", "en": "Figure"}


def conf_value(name: str):
    """A literal value assigned in conf.py (read, not imported: importing runs the build's
    set-up)."""
    for node in ast.parse((ROOT / "conf.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise KeyError(f"conf.py assigns no literal {name}")


WORDS = conf_value("LANGUAGES")  # per language: the words of the print edition
WEB_ONLY = conf_value("book_web_only_pages")


def pdf(lang: str):
    return BUILD / "pdf" / f"optimization-in-deep-learning-{lang}.pdf"


@cache
def text(lang: str) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf(lang)), "-"],
                         check=True, capture_output=True, text=True).stdout
    return out


def squeeze(s: str) -> str:
    """Text without white space or soft hyphens, so line breaks do not matter."""
    return re.sub(r"[\s\u00ad]+", "", s)


def site_figures(lang: str) -> int:
    """Figures drawn by code cells, and glued ones (``{glue:figure}``, e.g. the explorers')."""
    glued = re.compile(r"^`{3,}\{glue:figure\}", re.M)
    return sum(len(Page(path).figures) + len(glued.findall(path.read_text(encoding="utf-8")))
               for path in pages(lang).values())


@pytest.fixture(scope="module", autouse=True)
def built():
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: sudo apt-get install poppler-utils")
    for lang in LANGS:
        if not pdf(lang).is_file():
            pytest.fail(f"{pdf(lang)} is not built: run `make pdf` (make test does it)")


def printed_pages(lang: str):
    """The pages of the book: every source page except the ones about the site's build."""
    return {name: path for name, path in pages(lang).items() if name not in WEB_ONLY}


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_title_is_in_the_pdf(lang):
    body = squeeze(text(lang))
    for name, path in printed_pages(lang).items():
        title = Page(path).heading_texts[0]
        title = re.sub(r"[`*]", "", title)
        assert squeeze(title) in body, f"{lang}: the title of {name} ({title!r}) is not in the PDF"


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_are_in_the_pdf(lang):
    body = squeeze(text(lang)).lower().replace("’", "'")  # typographic apostrophes: Newton’s
    terms = Page(pages(lang)["key-concepts"]).glossary_terms
    missing = [t for t in terms if squeeze(t).lower() not in body]
    assert not missing, f"{lang}: glossary terms missing from the PDF: {missing}"


def site_caption_numbers(lang: str) -> list[str]:
    """The figure numbers the site shows ("4.2" in chapter 4, "7" on an unnumbered page)."""
    numbers = []
    for path in (BUILD / "html" / lang).rglob("*.html"):
        numbers += re.findall(rf'caption-number">{FIGURE_WORD[lang]} ([\d.]+) ',
                              path.read_text(encoding="utf-8"))
    return sorted(numbers)


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_numbers_chapters_and_figures_as_the_site(lang):
    """Chapters 1–5 are "Глава 4"/"Chapter 4" and their figures 4.1, 4.2, …; the other pages
    are unnumbered and their figures 1, 2, 3, … through the book — on the site and on paper."""
    # (a caption may begin on its own line: "Figure 10.3:" and then the text)
    printed = sorted(re.findall(rf"^{FIGURE_WORD[lang]} ([\d.]+):(?: |$)", text(lang), re.M))
    assert printed == site_caption_numbers(lang)
    assert "4.2" in printed and "1" in printed
    chapter = {"bg": "Глава", "en": "Chapter"}[lang]
    running = set(re.findall(rf"^{chapter} (\d+)\. (.+)$", text(lang), re.M))  # page headers
    for number in range(1, 6):
        [name] = [n for n in pages(lang) if n.startswith(f"chapters/0{number}-")]
        title = Page(pages(lang)[name]).heading_texts[0]
        assert (str(number), title) in running, f"{lang}: no header '{chapter} {number}. {title}'"
    assert not re.search(rf"{chapter} \d+\. \d+\. ", text(lang)), "a title carries a number"


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_of_the_site_is_in_the_pdf_with_its_number(lang):
    expected = site_figures(lang)
    captions = set(re.findall(rf"{FIGURE_WORD[lang]}\s+(\d+(?:\.\d+)?):", text(lang)))
    tex = (BUILD / "latex" / lang / f"optimization-in-deep-learning-{lang}.tex").read_text(
        encoding="utf-8")
    # Sphinx writes \sphinxincludegraphics[...]{{name}.pdf} (or {name.pdf}).
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{(\{[^}]*\}\.\w+|[^}]*)\}", tex)
    assert len(included) == expected, (
        f"{lang}: {len(included)} graphics in the PDF, {expected} figures on the site")
    assert all(name.endswith(".pdf") for name in included), (
        "figures must be vector (PDF) in the PDF")
    assert len(captions) == expected, (
        f"{lang}: {len(captions)} numbered captions, {expected} figures")


@pytest.mark.parametrize("lang", LANGS)
def test_latex_log_has_no_missing_glyph_or_undefined_reference(lang):
    log = (BUILD / "latex" / lang / f"optimization-in-deep-learning-{lang}.log").read_text(
        encoding="utf-8", errors="replace")
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)[:5]
    undefined = re.findall(r"(?:Reference|Citation) `[^']*' on page \d+ undefined", log)
    assert not undefined, undefined[:5]
    assert "There were undefined references" not in log


@pytest.mark.parametrize("lang", LANGS)
def test_web_only_parts_are_absent_and_solutions_are_shown(lang):
    body = text(lang)
    switch = {"bg": "English", "en": "Български"}[lang]
    assert not re.search(rf"^\s*{switch}\s*$", body, re.M), "the language switcher is in the PDF"
    solution = {"bg": "Решение", "en": "Solution"}[lang]
    assert body.count(solution) >= 10, "exercise solutions must be printed"


@pytest.mark.parametrize("lang", LANGS)
def test_the_landing_page_offers_both_pdfs(lang):
    landing = (BUILD / "html" / lang / "index.html").read_text(encoding="utf-8")
    for other in LANGS:
        name = f"optimization-in-deep-learning-{other}.pdf"
        assert f'href="../pdf/{name}"' in landing, f"{lang} landing page has no link to {name}"
        assert (BUILD / "html" / "pdf" / name).is_file(), f"{name} is not in the site"


# -- Printed as a book ------------------------------------------------------------------


@cache
def body_pages(lang: str) -> list[str]:
    """The text of every page without its running head and foot: A4 is 842pt high, the
    head lies above y = 50 and the page number below y = 790."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "60", "-W", "595",
                          "-H", "720", str(pdf(lang)), "-"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def first_lines(lang: str) -> list[str]:
    """The first line of every page (a chapter's title on its first page), case folded:
    the English chapter headings are set in capitals."""
    return [p.strip().splitlines()[0].casefold() if p.strip() else "" for p in body_pages(lang)]


def chapter_page(lang: str, title: str) -> int:
    """The index in ``body_pages`` of the page on which the chapter ``title`` starts."""
    starts = first_lines(lang)
    assert title.casefold() in starts, f"{lang}: no page starts with {title!r}"
    return starts.index(title.casefold())


@cache
def contents(lang: str) -> dict[str, int]:
    """The table of contents: chapter title -> printed page number. It takes the pages from
    its title to the preface's (one or two)."""
    first = chapter_page(lang, WORDS[lang]["contents"]) + 1
    last = chapter_page(lang, WORDS[lang]["preface"])
    layout = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(first), "-l",
                             str(last), str(pdf(lang)), "-"],
                            check=True, capture_output=True, text=True).stdout
    return {m.group(1).strip(): int(m.group(2))
            for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", layout, re.M)}


@pytest.mark.parametrize("lang", LANGS)
def test_no_blank_pages(lang):
    """Chapters start on the next page (openany) and the back of the title page carries the
    colophon: no page of the PDF is empty apart from its running head and page number."""
    blank = [n for n, page in enumerate(body_pages(lang), 1) if not page.strip()]
    assert not blank, f"{lang}: blank pages {blank}"
    assert len(body_pages(lang)) > 100


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_are_titled_contents(lang):
    words = WORDS[lang]
    toc = contents(lang)
    assert chapter_page(lang, words["contents"]) < 5
    # Sphinx would title it with the caption of the first toctree ("Начало", "Start")
    assert not {"начало", "start"} & set(first_lines(lang))
    assert list(toc)[0] == words["preface"], "the text of the home page is the preface"
    # the preface follows the contents, which fit on one or two pages
    assert 1 <= chapter_page(lang, words["preface"]) - chapter_page(lang, words["contents"]) <= 2
    assert len(toc) >= 17, toc


def tex(lang: str) -> str:
    return (BUILD / "latex" / lang / f"optimization-in-deep-learning-{lang}.tex").read_text(
        encoding="utf-8")


def log(lang: str) -> str:
    return (BUILD / "latex" / lang / f"optimization-in-deep-learning-{lang}.log").read_text(
        encoding="utf-8", errors="replace")


#: What pdftotext makes of the mark (\hookrightarrow) that starts a wrapped code line.
CONTINUATION = ",→"
VERBATIM = re.compile(r"(?:\\begingroup\\fvset\{fontsize=\\fontsize\{([\d.]+)pt\}[^\n]*\s*)?"
                      r"\\begin\{sphinxVerbatim\}[^\n]*\n(.*?)\\end\{sphinxVerbatim\}", re.S)


def code_lines(lang: str):
    """Every line of every code block in the LaTeX source, as printed (Pygments mark-up
    removed), with the size in points it is printed at."""
    for match in VERBATIM.finditer(tex(lang)):
        size = match.group(1)  # a block set smaller than the others
        points = float(size) * print_code.MONO_SCALE if size else print_code.CODE_PT
        for line in match.group(2).split("\n"):
            line = re.sub(r"\\PYGZ[a-z]{2}\{\}", "x", line)  # one escaped character
            line = re.sub(r"\\PYG\{[^}]*\}\{", "", line).replace("{", "").replace("}", "")
            yield points, line


def test_the_code_lines_the_test_reads_are_the_code_of_the_book():
    """The LaTeX parser below must see the code: thousands of lines, a known one among them."""
    lines = [line for _, line in code_lines("en")]
    assert len(lines) > 1000
    assert any("from dlopt.optim import" in line for line in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_no_code_line_is_wider_than_the_text_block(lang):
    """At the size it is printed in, every code line fits the text block (443.9pt inside
    the frame of a code box), so LaTeX never has to wrap one: no wrapped line, no token
    broken across lines (the PDF would show the continuation mark)."""
    glyph = 1233 / 2048  # DejaVu Sans Mono's advance width, in em
    wide = [(points, line) for points, line in code_lines(lang)
            if len(line) * glyph * points > 443.9]
    assert not wide, f"{lang}: {len(wide)} code lines wider than the page, e.g. {wide[:3]}"
    wrapped = text(lang).count(CONTINUATION)
    assert wrapped == 0, f"{lang}: {wrapped} code lines wrapped in the PDF"
    assert "verbatimwrapslines=true" in tex(lang), (
        "without wrapping a too long line would run into the margin unseen by this test")


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_sticks_out_of_the_text_block(lang):
    """No line of text, table, formula or title page wider than the text block by more than
    1pt (LaTeX reports each as an overfull box in its log)."""
    overfull = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)",
                                             log(lang))]
    assert not [w for w in overfull if w > 1], f"{lang}: overfull boxes of {overfull} pt"


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_about_the_build_is_printed(lang):
    """The translation status and the execution report ({nb-exec-table}) describe the site's
    build: neither is in the PDF."""
    assert WEB_ONLY == ["translation-status"]
    for name in WEB_ONLY:
        title = Page(pages(lang)[name]).heading_texts[0]
        assert title not in contents(lang), f"{lang}: {title!r} is in the contents"
        assert squeeze(title) not in squeeze(text(lang)), f"{lang}: {title!r} is printed"
        assert f"{{{name}::doc}}" not in tex(lang)
    exec_header = {"bg": "Изпълнена на", "en": "Executed at"}  # a column of nb-exec-table
    assert squeeze(exec_header[lang]) not in squeeze(text(lang))


@pytest.mark.parametrize("lang", LANGS)
def test_the_bibliography_is_one_chapter_at_the_back(lang):
    """The page "Литература"/"References" is the bibliography: its paragraph, then its
    entries; Sphinx's own chapter ("Библиография", "Bibliography") is not made."""
    title = Page(pages(lang)["bibliography"]).heading_texts[0]
    toc = contents(lang)
    assert list(toc)[-1] == title, toc
    assert not {"Библиография", "Bibliography"} & set(toc)
    assert "[1]" in body_pages(lang)[chapter_page(lang, title)], (
        "the first entry follows the paragraph on the same page")


def docstrings(lang: str):
    """(object, first docstring line) for every ``:pyobject:`` the pages include from dlopt."""
    for path in printed_pages(lang).values():
        for block in Page(path).blocks:
            obj = next((o.split(":", 2)[2].strip() for o in block.options
                        if o.startswith(":pyobject:")), None)
            if block.directive != "{literalinclude}" or not obj:
                continue
            source = (path.parent / block.argument).resolve()
            tree = ast.parse(source.read_text(encoding="utf-8"))
            node = tree
            for part in obj.split("."):
                node = next(n for n in node.body if getattr(n, "name", None) == part)
            doc = ast.get_docstring(node)
            if doc:
                yield obj, doc.strip().splitlines()[0]


@pytest.mark.parametrize("lang", LANGS)
def test_library_code_is_printed_without_english_docstrings_in_the_bulgarian_book(lang):
    """The Bulgarian book includes dlopt's functions without their English docstrings;
    the English book keeps them."""
    found = list(docstrings(lang))
    assert len(found) >= 10
    body = squeeze(text(lang))
    printed = [obj for obj, first in found if squeeze(first) in body]
    if lang == "bg":
        assert not printed, f"English docstrings in the Bulgarian PDF: {printed}"
    else:
        assert len(printed) == len(found), "the English book shows the docstrings"
    for obj, _ in found:
        assert f"def{obj.split('.')[-1]}(" in body or f"class{obj}" in body, obj


def answer_blocks(lang: str) -> tuple[int, list[str]]:
    """From the sources: how many questions and exercises have an answer, and the titles of
    the exercises that have one."""
    words = WORDS[lang]["answers"]
    kinds = tuple(words["kinds"])
    count, exercises = 0, []
    for path in printed_pages(lang).values():
        exercise = None
        for block in Page(path).blocks:
            if block.directive == "{admonition}" and block.argument.startswith(words["exercise"]):
                exercise, answered = block.argument, False
                continue
            prompt = next((re.sub(r'^\s*code_prompt_show:\s*"?|"?\s*$', "", o)
                           for o in block.options if "code_prompt_show" in o), "")
            title = block.argument if block.directive == "{dropdown}" else prompt
            if not title.startswith(kinds):
                continue
            if title.startswith(kinds[0]) and exercise:  # a solution of the exercise
                if not answered:
                    count, answered = count + 1, True
                    exercises.append(exercise)
            else:
                count += 1
    return count, exercises


@pytest.mark.parametrize("lang", LANGS)
def test_answers_are_collected_at_the_end(lang):
    """Every solution and answer is in the chapter "Отговори и решения" / "Answers and
    solutions" before the bibliography; in its place the question says on which page it is,
    and the answer names the page of its question."""
    words = WORDS[lang]["answers"]
    toc = contents(lang)
    start = toc[words["title"]]
    end = toc[Page(pages(lang)["bibliography"]).heading_texts[0]]
    assert list(toc).index(words["title"]) == len(toc) - 2, "just before the bibliography"
    kinds = "|".join(words["kinds"])
    page = re.escape(words["page"])
    pointers = [int(n) for n in re.findall(rf"^(?:{kinds}): {page} (\d+)$", text(lang), re.M)]
    expected, exercises = answer_blocks(lang)
    assert expected >= 30
    assert len(pointers) == expected, f"{lang}: {len(pointers)} pointers to {expected} answers"
    assert all(start <= n < end for n in pointers), (start, end, pointers)
    begin = chapter_page(lang, words["title"])
    finish = chapter_page(lang, Page(pages(lang)["bibliography"]).heading_texts[0])
    chapter = "\n".join(body_pages(lang)[begin:finish])
    backlinks = [int(n) for n in re.findall(rf"\({page} (\d+)\)", chapter)]
    assert len(backlinks) == expected and all(n < start for n in backlinks), backlinks
    for title in exercises:  # (the PDF has typographic apostrophes: Adam’s)
        printed = re.sub(r"\$([^$]*)\$", r"\1", title)  # math in a title prints as its text
        assert squeeze(printed).replace("'", "’") in squeeze(chapter), f"{lang}: {title!r}"
    # no answer is left where it was: no dropdown title is printed before the chapter
    before = "\n".join(body_pages(lang)[:begin])
    for kind in words["kinds"]:
        assert not re.search(rf"^{kind}(: \w+)?$", before, re.M), f"{lang}: {kind} printed in place"
