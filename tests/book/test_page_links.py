"""The built sites' page buttons (executed notebook, "edit this page") and status page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bookfiles import LANGS, Page, pages
from sitefiles import SITE, parsed


def buttons(page: Path, kind: str) -> list[str]:
    return [a["href"] for a in parsed(page).anchors() if f"btn-{kind}" in a.get("class", "")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_with_code_offers_its_executed_notebook(lang):
    for name, source in pages(lang).items():
        if not Page(source).has_kernel():
            continue
        page = SITE / lang / f"{name}.html"
        [href] = buttons(page, "download-notebook-button")
        notebook = (page.parent / href).resolve()
        assert notebook.is_file() and notebook.suffix == ".ipynb", f"{page}: {href}"
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        assert any(c.get("outputs") for c in cells if c["cell_type"] == "code"), (
            f"{notebook} has no outputs: it is not the executed notebook")


def _stream_text(output) -> str:
    text = output["text"]
    return "".join(text) if isinstance(text, list) else text


@pytest.mark.parametrize("lang", LANGS)
def test_no_downloadable_notebook_prints_a_cells_output_twice(lang):
    """myst-nb merged a cell's printouts into its first stream output in place, so that output
    ended with the text of all the later ones, which stayed too (book/_ext/notebook_bundle.py)."""
    notebooks = sorted((SITE / lang / "_sources").rglob("*.ipynb"))
    assert notebooks, f"no executed notebooks in {SITE / lang / '_sources'}"
    for notebook in notebooks:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for k, cell in enumerate(cells):
            for name in ("stdout", "stderr"):
                texts = [_stream_text(o) for o in cell.get("outputs", [])
                         if o["output_type"] == "stream" and o["name"] == name]
                later = "".join(t.rstrip() + "\n" for t in texts[1:] if t.strip())
                assert not (later and texts[0].endswith(later)), (
                    f"{notebook.relative_to(SITE)}, cell {k}: the later {name} outputs are "
                    f"repeated at the end of the first one")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_an_edit_link_that_leads_somewhere(lang):
    for name in pages(lang):
        page = SITE / lang / f"{name}.html"
        [href] = buttons(page, "edit-this-page-button")
        if href.startswith("https://"):  # the repository's editor (BOOK_REPOSITORY_URL)
            assert href.endswith(f"book/{lang}/{name}.md"), href
        else:  # the page's source, copied into the site
            assert (page.parent / href).resolve() == (SITE / lang / "_sources" / f"{name}.md")
            assert (page.parent / href).resolve().is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_translation_status_page_links_every_page(lang):
    status = SITE / lang / "translation-status.html"
    page = parsed(status)
    text = " ".join(page.text)
    if "git" in text and "Last change" not in text and "Последна промяна" not in text:
        pytest.skip("built outside a git checkout: the page says the status is unknown")
    linked = {(status.parent / a["href"].split("#")[0]).resolve() for a in page.anchors()
              if a.get("href")}
    for name in pages(lang):
        if name != "translation-status":  # its own row links to itself ("#")
            assert (SITE / lang / f"{name}.html").resolve() in linked, f"{name} not in the table"
