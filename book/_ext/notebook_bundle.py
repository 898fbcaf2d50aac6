"""The page as a notebook a reader can run: ``.ipynb`` and a ``.zip`` with what it needs.

For every executed page, in the theme's download menu:

* ``<page>.ipynb`` — the executed notebook in plain Jupyter Markdown
  (``jupyter_markdown``): the text as the site shows it, every code cell with its outputs,
  the hidden cells too (tagged ``remove-cell``: they glue the numbers and assert the claims
  of the text), each output stored once (``_merge_copies_of_streams``);
* ``<page>.zip`` — that notebook, the ``dlopt`` wheel built from this repository and a
  ``requirements.txt`` for the reader, pinned as the book is built (``requirements.txt`` of
  the repository), with the CPU build of PyTorch where the page uses it, and a first cell
  that says how to run it. ``pip install -r requirements.txt`` in a fresh environment and
  the notebook runs.

myst-nb writes ``jupyter_execute/<page>.ipynb`` from the notebook it read; on a cache hit
the outputs are only in a merged copy, so ``_keep_cached_outputs`` puts them back.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import jupyter_markdown

ROOT = Path(__file__).resolve().parents[2]

#: Packages of the repository's requirements.txt a reader's notebook needs.
READER_PACKAGES = ("numpy", "matplotlib", "myst-nb", "ipykernel")
#: The Jupyter application the reader opens the notebook with.
JUPYTER = "notebook==7.6.5"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"

TEXT = {
    "bg": {
        "zip": "Бележник за изпълнение (.zip)",
        "zip_tooltip": "Изтегли бележника с библиотеката dlopt и requirements.txt",
        "ipynb_tooltip": "Изтегли бележника (.ipynb)",
        "run": (
            "**Как да изпълните този бележник.** В папката на разархивирания `.zip`, с Python 3.11 "
            "или по-нов:\n\n```\npython -m venv .venv\n. .venv/bin/activate    "
            "# Windows: .venv\\Scripts\\activate\npip install -r requirements.txt\n"
            "jupyter notebook {name}\n```\n\n"
            "`requirements.txt` инсталира библиотеката на книгата `dlopt` (колелото в архива) "
            "и същите версии на пакетите, с които е изпълнена книгата.{torch}{site}"
        ),
        "torch": (" Тази страница използва PyTorch: `requirements.txt` взима версията му само за "
                  "процесор (около 200 MB вместо няколко GB с CUDA), като добавя индекса {index}; "
                  "за да я инсталирате отделно: `pip install torch==2.13.0 --index-url {index}`."),
        "site": " Страницата в сайта на книгата: <{url}>.",
        "req_header": ("# Пакетите за този бележник, в версиите, с които е изпълнена книгата.\n"
                       "# Инсталиране: pip install -r requirements.txt"),
        "req_torch": "# PyTorch само за процесор (без CUDA):",
    },
    "en": {
        "zip": "Runnable notebook (.zip)",
        "zip_tooltip": "Download the notebook with the dlopt library and requirements.txt",
        "ipynb_tooltip": "Download the notebook (.ipynb)",
        "run": (
            "**How to run this notebook.** In the folder of the unpacked `.zip`, with Python 3.11 "
            "or newer:\n\n```\npython -m venv .venv\n. .venv/bin/activate    "
            "# Windows: .venv\\Scripts\\activate\npip install -r requirements.txt\n"
            "jupyter notebook {name}\n```\n\n"
            "`requirements.txt` installs the book's library `dlopt` (the wheel in the archive) "
            "and the same package versions the book was executed with.{torch}{site}"
        ),
        "torch": (" This page uses PyTorch: `requirements.txt` takes its CPU-only build (about "
                  "200 MB instead of several GB with CUDA) by adding the index {index}; to "
                  "install it on its own: `pip install torch==2.13.0 --index-url {index}`."),
        "site": " The page on the book's site: <{url}>.",
        "req_header": ("# The packages of this notebook, in the versions the book was executed "
                       "with.\n# Install: pip install -r requirements.txt"),
        "req_torch": "# PyTorch, CPU-only build (no CUDA):",
    },
}


def pins(requirements: Path = ROOT / "requirements.txt") -> dict[str, str]:
    """``name -> "name==version"`` from a pinned requirements file (comments skipped).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = Path(d) / "r.txt"
    ...     _ = f.write_text("# c\\nnumpy==2.4.6\\nMyST_NB==1.4.0  # x\\n")
    ...     pins(f)
    {'numpy': 'numpy==2.4.6', 'myst-nb': 'MyST_NB==1.4.0'}
    """
    found = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name = re.split(r"[=<>!~\[ ]", line, maxsplit=1)[0]
            found[re.sub(r"[-_.]+", "-", name).lower()] = line
    return found


def uses_torch(notebook: dict) -> bool:
    return any(re.search(r"^\s*(import torch|from torch\b)", "".join(cell["source"]), re.M)
               for cell in notebook["cells"] if cell["cell_type"] == "code")


def reader_requirements(lang: str, wheel: str, torch: bool) -> str:
    """The reader's requirements.txt: pinned as the book's build, the wheel, CPU torch."""
    text, pinned = TEXT[lang], pins()
    needed = READER_PACKAGES + (("torch",) if torch else ())
    missing = [name for name in needed if name not in pinned]
    if missing:
        raise ValueError(f"requirements.txt pins no version of {missing}: the reader's "
                         "requirements copy the book's pins")
    lines = [text["req_header"], *(pinned[name] for name in READER_PACKAGES), JUPYTER]
    if torch:
        lines += [text["req_torch"], f"--extra-index-url {TORCH_CPU_INDEX}", pinned["torch"]]
    lines.append(f"./{wheel}")
    return "\n".join(lines) + "\n"


def clean_outputs(cell: dict) -> dict:
    """A copy of a code cell without its glue outputs (shown in the text, not under the
    cell). Each printout is stored once: see ``_merge_copies_of_streams``."""
    cell = copy.deepcopy(cell)
    cell["outputs"] = [o for o in cell.get("outputs", [])
                       if not o.get("metadata", {}).get("scrapbook")]
    return cell


def plain_notebook(executed: dict, pieces: list[tuple[str, int | None]], first: str) -> dict:
    """The executed notebook with its Markdown replaced by ``pieces`` (from
    ``jupyter_markdown.markdown_cells``): each Markdown piece, then the code cells up to and
    including the visible cell that follows it, so hidden cells keep their place among the
    code cells; hidden cells after the last visible one come before the closing text."""
    code = [(i, c) for i, c in enumerate(executed["cells"]) if c["cell_type"] == "code"]
    cells, done = [_markdown(first)], 0
    for text, index in pieces:
        upto = len(code) if index is None else 1 + [i for i, _ in code].index(index)
        if index is None:
            cells += [clean_outputs(c) for _, c in code[done:upto]]
            done = upto
        if text:
            cells.append(_markdown(text))
        cells += [clean_outputs(c) for _, c in code[done:upto]]
        done = upto
    metadata = {key: executed["metadata"][key] for key in ("kernelspec", "language_info")
                if key in executed["metadata"]}
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def build_wheel(outdir: Path) -> Path:
    """Build the ``dlopt`` wheel from this repository into ``outdir`` (older ones removed)."""
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("dlopt-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        # from a copy, so that setuptools' build/ and *.egg-info stay out of the repository
        project = Path(tmp) / "project"
        shutil.copytree(ROOT / "src" / "dlopt", project / "src" / "dlopt",
                        ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, project / name)
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", tmp, str(project)],
            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1704067200"})
        if done.returncode:
            raise RuntimeError(f"could not build the dlopt wheel:\n{done.stdout}\n{done.stderr}")
        (wheel,) = Path(tmp).glob("dlopt-*.whl")
        return Path(shutil.move(wheel, outdir / wheel.name))


def _wheel_dir(app) -> Path:
    return Path(app.outdir) / "_downloads" / "dlopt"


def _build_wheel(app) -> None:
    """Once per build, before the pages are written (in parallel: they only read it)."""
    if app.builder.format == "html":
        build_wheel(_wheel_dir(app))


def _write(app, doctree, docname) -> None:
    import myst_nb.sphinx_ext

    if app.builder.format != "html":
        return
    executed_path = Path(app.outdir).parent / myst_nb.sphinx_ext.OUTPUT_FOLDER / f"{docname}.ipynb"
    if not executed_path.is_file():
        return
    lang = app.config.language if app.config.language in TEXT else "en"
    site = app.config.book_site_url.rstrip("/") + "/" if app.config.book_site_url else ""
    here = f"{site}{lang}/{docname}.html" if site else ""

    def link(refuri: str) -> str | None:
        return urljoin(here, refuri) if here else None

    fignumbers = app.env.toc_fignumbers.get(docname, {}).get("displaymath", {})

    def equation(node) -> str | None:
        number = next((fignumbers[i] for i in node.get("ids", []) if i in fignumbers), None)
        return ".".join(map(str, number)) if number else None

    writer = jupyter_markdown.Writer(link, equation)
    executed = json.loads(executed_path.read_text(encoding="utf-8"))
    name = Path(docname).name + ".ipynb"
    torch = uses_torch(executed)
    text = TEXT[lang]
    first = text["run"].format(
        name=name,
        torch=text["torch"].format(index=TORCH_CPU_INDEX) if torch else "",
        site=text["site"].format(url=here) if here else "")
    shown = {n["cell_index"] for n in doctree.findall(jupyter_markdown.cell_index_node)}
    lines = executed["metadata"].get("source_map", [])
    hidden = {i: lines[i] for i, c in enumerate(executed["cells"])
              if c["cell_type"] == "code" and i not in shown and i < len(lines)}
    pieces = jupyter_markdown.markdown_cells(doctree, writer, hidden)
    notebook = plain_notebook(executed, pieces, first)
    data = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"

    sources = Path(app.outdir) / "_sources"
    (sources / docname).parent.mkdir(parents=True, exist_ok=True)
    (sources / f"{docname}.ipynb").write_text(data, encoding="utf-8")
    (wheel,) = _wheel_dir(app).glob("dlopt-*.whl")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        requirements = reader_requirements(lang, wheel.name, torch)
        for arcname, content in ((name, data.encode()),
                                 ("requirements.txt", requirements.encode()),
                                 (wheel.name, wheel.read_bytes())):
            info = zipfile.ZipInfo(arcname, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, content)
    (sources / f"{docname}.zip").write_bytes(buffer.getvalue())


def _buttons(app, pagename, templatename, context, doctree):
    """Offer the plain notebook (the theme's ``.ipynb`` entry) and the bundle."""
    sources = Path(app.outdir) / "_sources"
    if doctree is None or not (sources / f"{pagename}.zip").is_file():
        return
    context["ipynb_source"] = f"{pagename}.ipynb"  # the theme (priority 501) adds the entry


def _add_zip(app, pagename, templatename, context, doctree):
    if doctree is None or not context.get("ipynb_source") or "header_buttons" not in context:
        return
    text = TEXT.get(app.config.language, TEXT["en"])
    for group in context["header_buttons"]:
        if group.get("label") == "download-buttons":
            for button in group["buttons"]:
                if button.get("label") == "download-notebook-button":
                    button["tooltip"] = text["ipynb_tooltip"]
            group["buttons"].insert(0, {
                "type": "link", "url": f"{context['pathto']('_sources', 1)}/{pagename}.zip",
                "text": text["zip"], "tooltip": text["zip_tooltip"], "icon": "fas fa-file-archive",
                "label": "download-bundle-button",
            })


def _keep_cached_outputs():
    """myst-nb 1.4 writes jupyter_execute/<page>.ipynb from the notebook it read; on a cache
    hit the outputs are only in a merged copy, so the file would have none. Put them back."""
    from myst_nb.core.execute.cache import NotebookClientCache

    original = NotebookClientCache.start_client
    if getattr(original, "_keeps_outputs", False):
        return

    def start_client(self):
        read = self._notebook
        original(self)
        if self._notebook is not read:  # the cached, executed copy
            read.clear()
            read.update(self._notebook)
            self._notebook = read

    start_client._keeps_outputs = True
    NotebookClientCache.start_client = start_client


def _merge_copies_of_streams():
    """``nb_merge_streams`` (conf.py) shows a cell's printouts as one block, but myst-nb 1.4
    merges them *in place*: the first stream output of the executed notebook then holds all
    the text while the later ones stay, and the downloaded ``.ipynb`` printed them twice.
    Merge copies instead: the page shows the merged block, the notebook keeps what ran."""
    import myst_nb.core.render as render

    original = render.coalesce_streams
    if getattr(original, "_merges_copies", False):
        return

    def coalesce_streams(outputs):
        return original(copy.deepcopy(outputs))

    coalesce_streams._merges_copies = True
    render.coalesce_streams = coalesce_streams


def setup(app):
    _keep_cached_outputs()
    _merge_copies_of_streams()
    app.add_config_value("book_site_url", "", "html", types=[str])
    app.connect("builder-inited", _build_wheel)
    app.connect("doctree-resolved", _write)
    app.connect("html-page-context", _buttons, priority=500)  # before the theme's buttons (501)
    app.connect("html-page-context", _add_zip, priority=502)  # after them
    return {"parallel_read_safe": True, "parallel_write_safe": True}
