"""Every page is valid MyST and its references resolve — checked without running any code.

Sphinx reads each language with the book's conf.py, notebook execution switched off
(``nb_execution_mode=off``) and the ``dummy`` builder, which writes no site: a few
seconds per language. Any warning or error fails the test (a directive that does not
exist, bad options, an unclosed fence, a broken {doc}, {ref}, {term} or {cite:p}),
except references to figures: a figure exists only once its cell has run, so
``{numref}`` to a figure drawn by a code cell is left to the full build (``make html``), and
so are glued numbers ({glue}`name`), which exist once the cell that glues them has run.
The page templates of ``book/_templates/pages/`` are read the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bookfiles import BOOK, LANGS, ROOT, Page

ENTRY = re.compile(r"\n(?=[^\s].*?\b(?:WARNING|ERROR|CRITICAL|SEVERE)\b)")
TEMPLATES = BOOK / "_templates" / "pages"


PLACES = {"chapter": "chapters/chapter", "example": "examples/example", "pitfall": "pitfall"}


def _templates_book(folder: Path) -> Path:
    """A small book/bg with the page templates where copies of them would go, a glossary of
    the book's terms (names only) and a bibliography: what the templates refer to."""
    src = folder / "book" / "bg"
    for kind, place in PLACES.items():
        (src / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(TEMPLATES / f"{kind}.md", src / f"{place}.md")
    (folder / "src").symlink_to(ROOT / "src")  # for literalinclude ../../../src/...
    terms = "".join("\n".join(names) + "\n  …\n\n"
                    for names in Page(BOOK / "bg" / "key-concepts.md").glossary_entries)
    (src / "index.md").write_text(
        "# Templates\n\n```{glossary}\n" + terms + "```\n\n```{toctree}\n"
        + "\n".join([*PLACES.values(), "bibliography"]) + "\n```\n", encoding="utf-8")
    (src / "bibliography.md").write_text("# Bibliography\n\n```{bibliography}\n```\n",
                                         encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    """Start the three readings at once (bg, en, templates) and collect their warnings."""
    runs = {}
    for name in (*LANGS, "templates"):
        tmp = tmp_path_factory.mktemp(f"myst-{name}")
        src = _templates_book(tmp) if name == "templates" else BOOK / name
        cmd = [sys.executable, "-m", "sphinx", "-b", "dummy", "-c", str(ROOT), "-n", "-q", "-E",
               "--keep-going", "-w", str(tmp / "warnings.txt"), "-D", "nb_execution_mode=off",
               "-d", str(tmp / "doctrees"), str(src), str(tmp / "out")]
        env = {**os.environ, "BOOK_LANG": "bg" if name == "templates" else name}
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        runs[name] = (proc, tmp / "warnings.txt", src)
    results = {}
    for name, (proc, warnings, src) in runs.items():
        _, stderr = proc.communicate(timeout=300)
        text = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
        results[name] = (proc.returncode, text, stderr, src)
    return results


GLUED_FIGURE = re.compile(r"^`{3,}\{glue:figure\}[^\n]*\n(?::[^\n]*\n)*?:name:\s*(\S+)", re.M)


def figure_names(src: Path) -> set[str]:
    """Figures drawn by code cells: a cell's ``figure`` option or a ``{glue:figure}`` of a
    cell's output, both of which exist only once the cell has run."""
    drawn = {f for p in src.rglob("*.md") for f in Page(p).figures}
    glued = {m.group(1) for p in src.rglob("*.md")
             for m in GLUED_FIGURE.finditer(p.read_text(encoding="utf-8"))}
    return drawn | glued


@pytest.mark.parametrize("name", [*LANGS, "templates"])
def test_pages_parse_and_references_resolve(readings, name):
    code, text, stderr, src = readings[name]
    assert code == 0, f"Sphinx could not read {src}:\n{stderr[-3000:]}"
    figures = figure_names(src)
    problems = []
    for entry in ENTRY.split(text.strip()):
        m = re.search(r"undefined label: '([^']+)' \[ref\.numref\]", entry)
        if not entry.strip() or (m and m.group(1) in figures):
            continue  # a figure drawn by a code cell: it exists once the cell has run
        if "[myst-nb.lexer]" in entry:
            continue  # the kernel names the language of code cells, and no kernel ran
        if "found in glue data" in entry:
            continue  # a glued number exists once its cell has run (the full build checks it)
        problems.append(entry)
    assert not problems, f"{len(problems)} problems in {src}:\n" + "\n".join(problems)

