"""One Sphinx configuration for both languages of the book.

The Makefile builds each language separately with this file as configuration
directory (``sphinx-build -c . book/<lang> _build/html/<lang>``) and selects the
language with the environment variable ``BOOK_LANG`` (``bg`` — the original — or
``en``). Everything that differs between the languages is in ``LANGUAGES``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))  # the book's own extensions
import execution_cache  # noqa: E402  (book/_ext, on sys.path above)
import print_answers  # noqa: E402
import print_code  # noqa: E402
import print_edition  # noqa: E402
import print_numbering  # noqa: E402
import two_sites  # noqa: E402

BOOK_LANG = os.environ.get("BOOK_LANG", "bg")

LANGUAGES = {
    "bg": {
        "title": "Оптимизация в дълбокото обучение",
        "author": "Авторите на „Оптимизация в дълбокото обучение“",
        "search": "Търсене в книгата…",
        "code_show": "Покажи кода",
        "code_hide": "Скрий кода",
        "switch_label": "English",
        "switch_title": "Read this page in English",
        # The PDF: its language for polyglossia, title page, contents, preface.
        "latex_language": "bulgarian",
        # words that TeX's Bulgarian patterns break badly ("среднок-вадратична")
        "hyphenation": "сред-но-квад-ра-тич-на сред-но-квад-ра-тич-на-та",
        "print_author": r"Авторите на\dloptnewline „Оптимизация в дълбокото обучение“",
        "colophon": "Всеки пример в книгата е код, изпълнен при изграждането на това издание: "
        "фигурите и числата в текста са изчислени от библиотеката на книгата, dlopt. "
        "Книгата има и издание на английски език: „Optimization in Deep Learning“.",
        "contents": "Съдържание",
        "preface": "Предговор",
        "answers": {"title": "Отговори и решения", "kinds": ["Решение", "Отговор", "Обсъждане"],
                    "exercise": "Задача", "chapter": "Глава", "page": "стр."},
        "copy": {
            "copy": "Копирай",
            "copy_to_clipboard": "Копирай кода",
            "copy_success": "Копирано!",
            "copy_failure": "Кодът не можа да се копира",
        },
    },
    "en": {
        "title": "Optimization in Deep Learning",
        "author": "The authors of “Optimization in Deep Learning”",
        "search": "Search this book…",
        "code_show": "Show code",
        "code_hide": "Hide code",
        "switch_label": "Български",
        "switch_title": "Прочетете тази страница на български",
        "latex_language": "english",
        "hyphenation": "",
        "print_author": r"The authors of\dloptnewline “Optimization in Deep Learning”",
        "colophon": "Every example in this book is code that ran when this edition was built: "
        "the figures and the numbers in the text were computed by the book's own library, "
        "dlopt. The book also has a Bulgarian edition, “Оптимизация в дълбокото обучение”.",
        "contents": "Contents",
        "preface": "Preface",
        "answers": {"title": "Answers and solutions", "kinds": ["Solution", "Answer", "Discussion"],
                    "exercise": "Exercise", "chapter": "Chapter", "page": "p."},
        "copy": {
            "copy": "Copy",
            "copy_to_clipboard": "Copy the code",
            "copy_success": "Copied!",
            "copy_failure": "Could not copy the code",
        },
    },
}
if BOOK_LANG not in LANGUAGES:
    raise ValueError(f"BOOK_LANG must be one of {sorted(LANGUAGES)}, got {BOOK_LANG!r}")
TEXT = LANGUAGES[BOOK_LANG]
OTHER_LANG = "en" if BOOK_LANG == "bg" else "bg"

# Reproducible figures: matplotlib writes this date into SVG and PDF metadata.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01

# -- Project -----------------------------------------------------------------
project = TEXT["title"]
author = TEXT["author"]
copyright = f"2026, {author}"
language = BOOK_LANG
today_fmt = "%Y"  # the title page shows the year only
root_doc = "index"

extensions = [
    "myst_nb",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    # The book's own, in book/_ext (see CONTRIBUTING.md):
    "translation_status",  # the {translation-status} table and a translated {nb-exec-table}
    "cell_errors",  # a failing cell is reported as <page>.md:<line> with its traceback
    "page_links",  # the "edit this page" button on every page
    "notebook_bundle",  # download: the page as a plain notebook, and a .zip that runs it
    "execution_cache",  # one execution cache per version of src/dlopt
    "same_numbers",  # the kernels use the same CPU code paths on every x86-64 machine
    "part_numbering",  # chapter numbers run on from one numbered part to the next
    "print_numbering",  # the PDF numbers chapters and figures as the site does
    "print_code",  # code in the PDF fits the page
    "print_edition",  # the PDF leaves out the pages about the build; one bibliography chapter
    "print_answers",  # the PDF collects solutions and answers in a chapter at its end
    "library_code",  # literalinclude of dlopt: the Bulgarian book shows it without docstrings
    "two_sites",  # per-language notebook folders, the switcher's link, translated toggles
    "bulgarian_search",  # the search language "bg": a Bulgarian stemmer for the index and the page
    "switcher_anchors",  # the switcher keeps the reader's #anchor (ids both languages share)
    "citation_roles",  # bibliography entries are list items (accessibility)
    "search_page",  # the search page's strings in Bulgarian, snippets without TeX or menus
    "copy_button",  # sphinx-copybutton on every code block, labelled in the page's language
    "anki_deck",  # the Anki deck of the quiz, the questions and the glossary, and {anki-deck}
    "review_calendar",  # {review-calendar}: the review plan's .ics download and checklist
]

# Paths below are relative to this directory (templates, static) or to the
# language's source directory book/<lang> (locale, bibliography).
templates_path = [str(ROOT / "book" / "_templates")]
locale_dirs = [str(ROOT / "book" / "locale")]
gettext_compact = False
exclude_patterns = ["**/.ipynb_checkpoints"]

nitpicky = True
numfig = True
numfig_format = (
    {"figure": "Фигура %s", "table": "Таблица %s", "code-block": "Листинг %s", "section": "раздел %s"}
    if BOOK_LANG == "bg"
    else {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s", "section": "Section %s"}
)

# -- MyST and notebook execution ---------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

nb_execution_mode = "cache"
# A change to src/dlopt gives a new cache, so every page runs again (book/_ext/execution_cache.py).
nb_execution_cache_path = str(execution_cache.cache_path(ROOT, BOOK_LANG))
nb_execution_timeout = 300
nb_execution_raise_on_error = True  # a failing cell fails the build, naming page and cell
nb_execution_show_tb = True
nb_merge_streams = True
nb_code_prompt_show = TEXT["code_show"]
nb_code_prompt_hide = TEXT["code_hide"]
nb_render_markdown_format = "myst"


# -- Bibliography --------------------------------------------------------------
bibtex_bibfiles = [str(ROOT / "book" / "references.bib")]
if BOOK_LANG == "bg":
    import bibliography_bg  # noqa: F401  (registers the style "plain_bg")

    bibtex_default_style = "plain_bg"
else:
    bibtex_default_style = "plain"
bibtex_reference_style = "label"  # the entry's label, [24] with plain: no English words ("and") in Bulgarian citations

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = TEXT["title"]
html_static_path = [str(ROOT / "book" / "_static")]
html_css_files = ["book.css"]
html_search_language = BOOK_LANG  # "bg" is book/_ext/bulgarian_search.py
html_js_files = [("wide-math.js", {"defer": "defer"}),  # inline math wider than a phone
                 ("explorer.js", {"defer": "defer"})]  # the interactive figures (dlopt.explorer)

# Copy buttons (sphinx-copybutton, book/_ext/copy_button.py): on code cells and code blocks,
# not on outputs; the copied text has no prompts (>>>, ..., $) and no output lines.
copybutton_selector = "div:not(.output) > div.highlight > pre"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_exclude = ".linenos, .gp, .go"
copybutton_labels = TEXT["copy"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True  # the download button offers the page source (.md)
html_theme_options = {
    "search_bar_text": TEXT["search"],
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
}
html_context = {
    "book_lang": BOOK_LANG,
    "other_lang": OTHER_LANG,
    "switch_label": TEXT["switch_label"],
    "switch_title": TEXT["switch_title"],
}


# -- PDF (LaTeX) ----------------------------------------------------------------
# `make pdf` runs the latex builder with the same sources and execution cache, so no
# cell runs twice; xelatex with DejaVu fonts covers Cyrillic in text, code and figures.
PDF_NAME = f"optimization-in-deep-learning-{BOOK_LANG}"
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{PDF_NAME}.tex", TEXT["title"], TEXT["print_author"], "manual")]
latex_show_urls = "no"
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # A printed book without blank pages: a chapter starts on the next page, left or right.
    "extraclassoptions": "openany",
    "fontpkg": r"""
\setmainfont{DejaVu Serif}
\setsansfont{DejaVu Sans}
\setmonofont{DejaVu Sans Mono}[Scale="""
    + str(print_code.MONO_SCALE)
    + "]\n",
    # The code font and width of the print edition (book/_ext/print_code.py). Lines that are
    # still too long would wrap at spaces and punctuation, never inside a word or number.
    "fvset": print_code.FVSET,
    "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=false, verbatimhintsturnover=false",
    # No general index in print: the glossary is the book's index of terms (and xindy
    # cannot sort the mixed Cyrillic/Latin index of the Bulgarian book).
    "makeindex": "",
    "printindex": "",
    # The contents are "Съдържание"/"Contents" (Sphinx would take the caption of the first
    # toctree, "Начало"), and the text of the home page is the preface.
    "tableofcontents": r"\sphinxtableofcontents"
    + r"\chapter*{" + TEXT["preface"] + "}"
    + r"\addcontentsline{toc}{chapter}{" + TEXT["preface"] + "}"
    + r"\markboth{" + TEXT["preface"] + "}{" + TEXT["preface"] + "}\n",
    # Symbols that DejaVu lacks (myst-nb's execution table marks cells with emoji).
    "preamble": r"""
\usepackage{amssymb}
\usepackage{newunicodechar}
\newunicodechar{✅}{\ensuremath{\checkmark}}
\newunicodechar{❌}{\ensuremath{\times}}
% The title page: the author's line break is a space in the PDF's metadata; its back
% (the verso, not a blank page) carries the colophon.
\newcommand\dloptnewline{\\}
\pdfstringdefDisableCommands{\def\dloptnewline{ }}
"""
    + r"\newcommand\sphinxbackoftitlepage{\vspace*{\fill}\noindent\small\copyright\ "
    + copyright.replace(",", "") + ". " + TEXT["colophon"] + r"\par}"
    + r"\addto\captions" + TEXT["latex_language"]
    + r"{\renewcommand{\contentsname}{" + TEXT["contents"] + "}}\n"
    + r"\AtBeginDocument{\hyphenation{" + TEXT["hyphenation"] + "}}\n"
    + print_numbering.PREAMBLE
    + print_code.PREAMBLE
    + print_edition.PREAMBLE
    + print_answers.PREAMBLE,
}
# Pages about the build of the site, not about the subject: not printed.
book_web_only_pages = ["translation-status"]
# The page whose text opens the printed bibliography (its entries follow it).
book_bibliography_page = "bibliography"
# Solutions and answers: which dropdowns and hidden cells are answers, and the words of the
# chapter that collects them before the bibliography (book/_ext/print_answers.py).
book_answers = {**TEXT["answers"], "before": book_bibliography_page}


# MathJax from the book itself: no page may load anything from the network.
html_static_path.append(str(two_sites.mathjax_script()))
mathjax_path = "tex-svg.js"



# -- Library code in the pages (book/_ext/library_code.py) -------------------------
# dlopt's docstrings are English reST for the API reference: the Bulgarian book includes
# the code of a function or class without them, the English book with them.
book_library_docstrings = BOOK_LANG == "en"


# -- "Edit this page" (book/_ext/page_links.py) -------------------------------------
# The repository's web address (GitHub, GitLab or Bitbucket) for "edit this page", e.g.
# BOOK_REPOSITORY_URL=https://github.com/ORG/REPO; unset, the button opens the page's source.
book_repository_url = os.environ.get("BOOK_REPOSITORY_URL", "")
book_repository_branch = os.environ.get("BOOK_REPOSITORY_BRANCH", "main")
# Where the site is published (e.g. https://ORG.github.io/REPO/): the downloaded notebooks'
# references then link to it; unset, they keep only their text.
book_site_url = os.environ.get("BOOK_SITE_URL", "")
# The landing page names the source repository when it is known ({{ repository }}).
REPOSITORY_SENTENCE = {"bg": "Хранилището на книгата е <{url}>. ",
                       "en": "The book's repository is <{url}>. "}
myst_substitutions = {
    "repository": REPOSITORY_SENTENCE[BOOK_LANG].format(url=book_repository_url)
    if book_repository_url else "",
}
