"""The built sites (``make html``): pages, links, switcher, offline assets, figures.

These tests read ``_build/html``; ``make test`` builds it first (``make test-book``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from bookfiles import LANGS, SEED_SECTIONS, Page, pages
from sitefiles import SITE, book_pages, html_pages, ids, parsed


@pytest.fixture(scope="module", autouse=True)
def built():
    for lang in LANGS:
        if not (SITE / lang / "index.html").is_file():
            pytest.fail(f"{SITE / lang} is not built: run `make html` (make test does it)")


def test_root_page_offers_both_languages_bulgarian_first():
    links = [a["href"] for tag, a in parsed(SITE / "index.html").tags if tag == "a"]
    assert links[:2] == ["bg/index.html", "en/index.html"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_page_is_built_with_its_language(lang):
    for page in book_pages(lang):
        assert page.is_file(), f"{page} was not built"
        html_tag = next(a for tag, a in parsed(page).tags if tag == "html")
        assert html_tag.get("lang") == lang, f"{page}: <html lang={html_tag.get('lang')!r}>"


@pytest.mark.parametrize("lang", LANGS)
def test_each_site_has_its_own_search_index(lang):
    assert (SITE / lang / "searchindex.js").is_file()
    assert (SITE / lang / "search.html").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_leads_to_the_same_page_in_the_other_language(lang):
    other = "en" if lang == "bg" else "bg"
    for page in book_pages(lang):
        switch = [a for tag, a in parsed(page).tags
                  if tag == "a" and "dlopt-lang-switch" in a.get("class", "")]
        assert len(switch) == 1, f"{page}: {len(switch)} language switchers"
        target = (page.parent / switch[0]["href"]).resolve()
        expected = (SITE / other / page.relative_to(SITE / lang)).resolve()
        assert target == expected, f"{page} -> {target}"
        assert target.is_file(), f"{page}: switcher target {target} does not exist"


@pytest.mark.parametrize("lang", LANGS)
def test_internal_links_and_anchors_resolve(lang):
    broken = []
    for page in html_pages(lang):
        for _tag, attrs in parsed(page).tags:
            for attr in ("href", "src"):
                url = attrs.get(attr)
                if not url or url.startswith(("mailto:", "javascript:", "data:")):
                    continue
                parts = urlsplit(url)
                if parts.scheme or parts.netloc:
                    continue  # external hyperlinks (e.g. DOIs) are allowed; assets: see below
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists():
                    broken.append(f"{page.relative_to(SITE)}: {url}")
                elif (parts.fragment and target.suffix == ".html"
                      and unquote(parts.fragment) not in ids(target)):
                    broken.append(f"{page.relative_to(SITE)}: {url} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken[:30])


EXTERNAL_ASSET = re.compile(
    r"""(?:src|href)\s*=\s*["'](?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+["']?(?:https?:)?//"""
)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_loaded_from_the_network(lang):
    offenders = []
    for page in html_pages(lang):
        for tag, attrs in parsed(page).tags:
            remote = re.match(r"(https?:)?//", attrs.get("src", ""))
            if tag in ("script", "img", "iframe") and remote:
                offenders.append(f"{page.name}: <{tag} src={attrs['src']}>")
            if tag == "link" and re.match(r"(https?:)?//", attrs.get("href", "")):
                offenders.append(f"{page.name}: <link href={attrs['href']}>")
    for asset in (SITE / lang / "_static").rglob("*.css"):
        if EXTERNAL_ASSET.search(asset.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{asset.relative_to(SITE)} refers to a remote resource")
    assert not offenders, "\n".join(offenders[:30])


@pytest.mark.parametrize("lang", LANGS)
def test_math_is_served_locally(lang):
    page = SITE / lang / "chapters" / "02-gradient-descent.html"
    scripts = [a.get("src", "") for tag, a in parsed(page).tags if tag == "script"]
    mathjax = [s for s in scripts if "tex-svg.js" in s]
    assert mathjax, "the MathJax script is not included"
    assert (page.parent / mathjax[0].split("?")[0]).resolve().is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_is_drawn_with_alt_text(lang):
    for name, path in pages(lang).items():
        expected = Page(path).figures
        html = SITE / lang / f"{name}.html"
        figures = [a for tag, a in parsed(html).tags if tag == "figure"]
        images = [a for tag, a in parsed(html).tags
                  if tag == "img" and "_images/" in a.get("src", "")]
        assert len(figures) >= len(expected), (
            f"{name}: {len(figures)} figures, expected {len(expected)}")
        for fig in expected:
            assert fig in ids(html), f"{name}: figure {fig} is not on the page"
        for img in images:
            assert img.get("alt", "").strip(), (
                f"{name}: an image without alt text: {img.get('src')}")


@pytest.mark.parametrize("lang", LANGS)
def test_seed_sections_are_reachable_by_label(lang):
    from sphinx.util.inventory import InventoryFile

    with open(SITE / lang / "objects.inv", "rb") as f:
        inventory = InventoryFile.load(f, "", lambda base, uri: uri)
    labels = (inventory.data.get("std:label", {}) if hasattr(inventory, "data")
              else inventory["std:label"])
    for label, page in SEED_SECTIONS.items():
        assert label in labels, f"label {label} missing from the {lang} site"
        item = labels[label]
        uri = item.uri if hasattr(item, "uri") else item[2]
        assert uri.split("#")[0] == f"{page}.html", f"{label} points to {uri}"


def test_bulgarian_interface_has_no_english_labels():
    """Buttons, toggles and landmarks of the Bulgarian site are labelled in Bulgarian.

    Checked on the attributes a reader or a screen reader meets: aria-label,
    placeholder, and the title of buttons. Elements that declare another language
    (the switcher to the English site, lang="en") are exempt.
    """
    english = []
    for page in book_pages("bg"):
        for tag, attrs in parsed(page).tags:
            if attrs.get("lang", "bg") != "bg":
                continue
            labels = [attrs.get("aria-label", ""), attrs.get("placeholder", "")]
            if tag == "button":
                labels.append(attrs.get("title", ""))
            for label in labels:
                if re.search(r"[A-Za-z]{3,}", label) and not re.search(r"[А-Яа-я]", label):
                    english.append(f"{page.relative_to(SITE)}: <{tag}> {label!r}")
    found = "\n".join(sorted(set(english))[:20])
    assert not english, f"English interface strings on the Bulgarian site:\n{found}"


def _switch_anchors(page) -> list[str]:
    [switch] = [a for tag, a in parsed(page).tags
                if tag == "a" and "dlopt-lang-switch" in a.get("class", "")]
    return switch.get("data-anchors", "").split()


def test_both_languages_share_the_switchers_anchors():
    """The switcher appends one of these ids to its link (book/_ext/switcher_anchors.py):
    each must exist on the page and on its translation, with every section among them."""
    for bg_page in book_pages("bg"):
        en_page = SITE / "en" / bg_page.relative_to(SITE / "bg")
        anchors = _switch_anchors(bg_page)
        assert anchors, f"{bg_page}: the switcher lists no anchors"
        assert anchors == _switch_anchors(en_page), f"{bg_page.name}: the anchors differ"
        for page in (bg_page, en_page):
            missing = set(anchors) - ids(page)
            assert not missing, f"{page}: no element with the ids {sorted(missing)}"
            sections = [a["id"] for tag, a in parsed(page).tags if tag == "section"]
            assert set(sections) <= set(anchors), f"{page}: sections without a shared anchor"


def test_bulgarian_search_strings_reach_translations_js():
    """Sphinx's own Bulgarian translations.js has only empty strings; the search page showed
    no heading, count or "nothing found" (book/_ext/search_page.py fills them in)."""
    import json

    text = (SITE / "bg" / "_static" / "translations.js").read_text(encoding="utf-8")
    catalog = json.loads(re.search(r"addTranslations\((.*)\);", text, re.S).group(1))
    messages = catalog["messages"]
    for msgid in ("Search Results", "Searching", "Preparing search...",
                  "Search finished, found one page matching the search query.",
                  "Your search did not match any documents. Please make sure that all words "
                  "are spelled correctly and that you've selected enough categories."):
        assert msgid in messages, f"{msgid!r} is not translated"
    for msgid, value in messages.items():
        forms = value if isinstance(value, list) else [value]
        assert all(re.search(r"[А-Яа-я]", form) for form in forms), (msgid, value)
    assert "${resultCount}" in messages[
        "Search finished, found one page matching the search query."][1]
