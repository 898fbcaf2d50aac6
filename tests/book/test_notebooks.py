"""The downloadable notebooks (book/_ext/notebook_bundle.py): plain Jupyter, runnable.

Read from the built sites (``make html``). Every executed page offers ``<page>.ipynb`` in
plain Jupyter Markdown and ``<page>.zip`` with that notebook, the reader's
``requirements.txt`` and the ``dlopt`` wheel; the last test installs one bundle into a
fresh virtual environment and runs its notebook there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bookfiles import LANGS, ROOT
from sitefiles import SITE

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import notebook_bundle  # noqa: E402

EXECUTED = SITE / "jupyter_execute"
#: MyST syntax that Jupyter would show as typed.
MYST = re.compile(r"\{(?:glue|numref|ref|term|cite(?::\w+)?|math|doc|eq|download|index)\}`"
                  r"|^```\{|^:{3,}\s*\{|^\([\w-]+\)=\s*$|^%", re.M)


def executed_pages(lang: str) -> list[Path]:
    pages = sorted((EXECUTED / lang).rglob("*.ipynb"))
    assert pages, f"no executed notebooks in {EXECUTED / lang}: run `make html`"
    return pages


def plain(lang: str, executed: Path) -> tuple[dict, Path]:
    name = executed.relative_to(EXECUTED / lang).with_suffix("")
    notebook = SITE / lang / "_sources" / f"{name}.ipynb"
    assert notebook.is_file(), f"{notebook} was not written"
    return json.loads(notebook.read_text(encoding="utf-8")), notebook.with_suffix(".zip")


def markdown(notebook: dict) -> str:
    cells = notebook["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def code(notebook: dict) -> list[str]:
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_notebook_is_plain_markdown_with_every_code_cell_in_order(lang):
    for executed in executed_pages(lang):
        source = json.loads(executed.read_text(encoding="utf-8"))
        notebook, _ = plain(lang, executed)
        text = markdown(notebook)
        assert not MYST.findall(text), f"{executed.name}: MyST left: {MYST.findall(text)[:5]}"
        assert code(notebook) == code(source), f"{executed.name}: code cells differ"
        assert re.search(r"^# \S", text, re.M), f"{executed.name}: no title"


def test_the_page_text_reaches_the_notebook_resolved():
    """Glued numbers, references, equations, included code and solutions as the site shows
    them (chapter 4 in Bulgarian: a glued value, a numbered equation, dlopt's Adam)."""
    notebook, _ = plain("bg", EXECUTED / "bg" / "chapters" / "04-advanced-optimizers.ipynb")
    text = markdown(notebook)
    assert "\\tag{4.1}" in text and "$$" in text
    adam = (ROOT / "src" / "dlopt" / "optim" / "adam.py").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert any(block.strip() and block.strip() in adam for block in blocks), "no included code"
    assert "глава 3" in text  # {numref}`глава %s <ch-sgd>` became its text


@pytest.mark.parametrize("lang", LANGS)
def test_each_bundle_holds_the_notebook_the_requirements_and_the_wheel(lang):
    book_pins = notebook_bundle.pins()
    for executed in executed_pages(lang):
        notebook, bundle = plain(lang, executed)
        with zipfile.ZipFile(bundle) as archive:
            names = set(archive.namelist())
            wheel = next(n for n in names if n.endswith(".whl"))
            assert names == {executed.name, "requirements.txt", wheel}, names
            assert json.loads(archive.read(executed.name)) == notebook
            requirements = archive.read("requirements.txt").decode()
            with zipfile.ZipFile(archive.open(wheel)) as built:
                packaged = built.read("dlopt/optim/adam.py").decode()
        assert packaged == (ROOT / "src/dlopt/optim/adam.py").read_text(encoding="utf-8")
        lines = [line for line in requirements.splitlines() if line and not line.startswith("#")]
        assert f"./{wheel}" in lines
        for name in ("numpy", "matplotlib", "myst-nb", "ipykernel"):
            assert book_pins[name] in lines, f"{bundle.name}: {name} not pinned as the book"
        torch = notebook_bundle.uses_torch(notebook)
        assert (book_pins["torch"] in lines) == torch, bundle.name
        assert (f"--extra-index-url {notebook_bundle.TORCH_CPU_INDEX}" in lines) == torch
        first = "".join(notebook["cells"][0]["source"])
        assert "pip install -r requirements.txt" in first and executed.name in first


def test_the_download_menu_offers_the_bundle():
    page = (SITE / "bg" / "chapters" / "04-advanced-optimizers.html").read_text(encoding="utf-8")
    assert "../_sources/chapters/04-advanced-optimizers.zip" in page
    assert "../_sources/chapters/04-advanced-optimizers.ipynb" in page
    assert notebook_bundle.TEXT["bg"]["zip"] in page


def test_a_bundle_runs_in_a_fresh_environment(tmp_path):
    """Example 1 (numpy only): unpack, `pip install -r requirements.txt` into a new venv,
    execute the notebook there; every cell runs, its asserts included."""
    bundle = SITE / "en" / "_sources" / "examples" / "01-gradient-descent-quadratic.zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path)
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "-r",
                          "requirements.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]
    run = subprocess.run(
        [str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=600", "--output", "ran.ipynb",
         "01-gradient-descent-quadratic.ipynb"],
        cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    ran = json.loads((tmp_path / "ran.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in ran["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    code_cells = [c for c in ran["cells"] if c["cell_type"] == "code"]
    assert not errors and code_cells and all(c.get("execution_count") for c in code_cells)


def test_building_the_wheel_leaves_the_repository_clean():
    """The wheel is built from a copy: setuptools' build/ must not appear in the checkout."""
    assert any((SITE / lang / "_downloads" / "dlopt").glob("dlopt-*.whl") for lang in LANGS)
    assert not (ROOT / "build").exists(), "build/ left in the repository by the wheel build"
