"""The built sites in a real browser: headless Debian chromium, driven by Playwright.

``make test`` builds the sites, then runs these tests against ``_build/html`` served by a
local HTTP server. Every page of both sites (and the root page that chooses the language)
is opened once and checked on a phone, on a 360 px screen and on a desktop, in the light and
the dark theme (:func:`inspect`); the other tests try one feature each (the switcher's
anchor, the keyboard, the search page, the copy buttons).

A missing chromium, Playwright or axe-core fails with one line that says how to install it.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from urllib.parse import quote

import headless
import pytest
from bookfiles import LANGS, Page, pages
from sitefiles import SITE, book_pages, html_pages

PAGES_AT_ONCE = 2  # pages open in parallel (the machine has 2 cores)
AXE_VIEWPORTS = ("phone", "desktop")  # the layouts axe-core checks, in both themes


@dataclass
class Inspection:
    """What one page showed: filled in by :func:`inspect`."""

    page: str
    width: int = 0  # document.documentElement.scrollWidth on a 360 px screen
    # (viewport, theme) -> axe-core's critical and serious violations
    axe: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    raw_tex: list[str] = field(default_factory=list)
    untypeset_math: int = 0
    problems: list[str] = field(default_factory=list)  # phone: toggles and switcher
    secondary_tried: bool = False  # the page has an in-page contents and its toggle was tried


# -- The session: one server, one browser, every page inspected once -----------------------

@pytest.fixture(scope="session")
def browser():
    for lang in LANGS:
        if not (SITE / lang / "index.html").is_file():
            pytest.fail(f"{SITE / lang} is not built: run `make html` (make test does it)")
    try:
        axe_script = headless.axe_script()
        session = headless.Browser()
    except headless.Missing as missing:
        pytest.fail(str(missing), pytrace=False)
    with headless.serve(SITE) as base:
        session.base, session.axe_script, session.outside = base, axe_script, []
        yield session
        session.close()


def site_pages() -> list[str]:
    """Every page of both sites and the root page, relative to _build/html."""
    found = [p.relative_to(SITE).as_posix() for lang in LANGS for p in html_pages(lang)]
    return ["index.html", *found]


SWITCHER_SEEN = """() => {
  const link = document.querySelector("a.dlopt-lang-switch");
  if (!link) return "no language switcher";
  const r = link.getBoundingClientRect();
  if (r.width === 0 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight)
    return `the switcher is not inside the screen: ${[r.left, r.top, r.right, r.bottom]}`;
  // the corners, just inside the rounding of the button's border
  const d = 1 + parseFloat(getComputedStyle(link).borderTopLeftRadius || "0");
  const corners = [[r.left + d, r.top + d], [r.right - d, r.top + d],
                   [r.left + d, r.bottom - d], [r.right - d, r.bottom - d]];
  const covered = corners.filter(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return !(hit && (hit === link || link.contains(hit)));
  });
  return covered.length ? `${covered.length} corners of the switcher are covered` : "";
}"""

RAW_TEX = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest("pre, code, script, style, mjx-assistive-mml")) continue;
    if (/\\\(|\\\)|\\\[|\\\]|\$\$/.test(node.textContent) && parent.checkVisibility())
      found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""

UNTYPESET_MATH = """() => [...document.querySelectorAll("span.math, div.math")]
  .filter((math) => !math.querySelector("mjx-container")).length"""


async def _dialog_opens(page, toggle: str, dialog: str) -> str:
    """'' if clicking ``toggle`` opens ``dialog`` showing links; otherwise what went wrong."""
    button = page.locator(toggle)
    if await button.count() != 1 or not await button.is_visible():
        return f"{toggle}: {await button.count()} buttons, none visible"
    await button.click()
    try:
        await page.wait_for_selector(f"{dialog}[open] a", state="visible", timeout=3000)
    except Exception:
        return f"{toggle} does not open {dialog}"
    await page.keyboard.press("Escape")
    await page.wait_for_selector(f"{dialog}[open]", state="detached", timeout=3000)
    return ""


async def _phone(page, result: Inspection, is_book_page: bool):
    """On a phone: the toggles open the sidebars; the switcher is seen, also after scrolling."""
    if not is_book_page:
        return
    problems = [await page.evaluate(SWITCHER_SEEN)]
    await page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    await page.wait_for_timeout(100)  # the sticky header settles
    if (covered := await page.evaluate(SWITCHER_SEEN)):
        problems.append(f"after scrolling: {covered}")
    await page.evaluate("window.scrollTo(0, 0)")
    # (after the switcher: a toggle keeps the focus, and its tooltip may cover the switcher)
    problems.append(await _dialog_opens(page, ".bd-header-article .primary-toggle",
                                        "#pst-primary-sidebar-modal"))
    if await page.locator("#pst-secondary-sidebar nav.page-toc a").count():
        problems.append(await _dialog_opens(page, ".bd-header-article .secondary-toggle",
                                            "#pst-secondary-sidebar-modal"))
        result.secondary_tried = True
    result.problems = [p for p in problems if p]


async def inspect(session, path: str, book: set[str]) -> Inspection:
    """Open one page once and check it on a phone, a 360 px screen and a desktop; axe-core
    checks the phone layout (collapsed sidebars, its own header) and the desktop one."""
    result = Inspection(path)
    async with headless.context(session.browser, session.base, viewport=headless.PHONE,
                                outside=session.outside) as context:
        page = await headless.open_page(context, session.base + path)
        result.raw_tex = await page.evaluate(RAW_TEX)
        result.untypeset_math = await page.evaluate(UNTYPESET_MATH)
        await _phone(page, result, path in book)
        await _axe(session, page, result, "phone")
        await page.set_viewport_size(headless.NARROW)
        await page.wait_for_timeout(50)
        result.width = await page.evaluate("document.documentElement.scrollWidth")
        await page.set_viewport_size(headless.DESKTOP)
        await _axe(session, page, result, "desktop")
    return result


async def _axe(session, page, result: Inspection, viewport: str):
    """axe-core on ``page`` as it is laid out now, in each theme, kept per (viewport, theme)."""
    for theme in headless.THEMES:
        await headless.set_theme(page, theme)
        result.axe[viewport, theme] = await headless.axe(page, session.axe_script)


@pytest.fixture(scope="session")
def inspected(browser) -> dict[str, Inspection]:
    book = {p.relative_to(SITE).as_posix() for lang in LANGS for p in book_pages(lang)}
    limit = asyncio.Semaphore(PAGES_AT_ONCE)

    async def one(path):
        async with limit:
            return await inspect(browser, path, book)

    async def every_page():
        return await asyncio.gather(*(one(path) for path in site_pages()))

    return {result.page: result for result in browser.run(every_page())}


def _of_site(inspected, lang):
    prefix = f"{lang}/"
    return [r for name, r in inspected.items() if name.startswith(prefix)
            or (name == "index.html" and lang == "bg")]  # the root page is counted once


# -- Every page ------------------------------------------------------------------------------

def test_every_page_was_inspected(inspected):
    assert len(inspected) == len(site_pages())
    for lang in LANGS:
        assert len(_of_site(inspected, lang)) >= len(pages(lang)) + 2  # + search, genindex


@pytest.mark.parametrize("theme", headless.THEMES)
@pytest.mark.parametrize("viewport", AXE_VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_critical_or_serious_violation(inspected, lang, viewport, theme):
    found = [f"{r.page} ({viewport}, {theme}): {v['impact']} {v['id']} ({v['help']}) "
             f"at {v['nodes'][:3]}"
             for r in _of_site(inspected, lang) for v in r.axe[viewport, theme]]
    assert not found, (f"{len(found)} axe-core violations ({lang}, {viewport}, {theme}):\n"
                       + "\n".join(found))


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_is_wider_than_a_360_px_screen(inspected, lang):
    wide = sorted((r.width, r.page) for r in _of_site(inspected, lang) if r.width > 360)
    assert not wide, "pages wider than 360 px: " + ", ".join(f"{p} ({w} px)" for w, p in wide)


@pytest.mark.parametrize("lang", LANGS)
def test_mathjax_typesets_all_math_and_leaves_no_raw_tex(inspected, lang):
    results = _of_site(inspected, lang)
    untypeset = [f"{r.page}: {r.untypeset_math} formulas" for r in results if r.untypeset_math]
    assert not untypeset, "math that MathJax did not typeset:\n" + "\n".join(untypeset)
    raw = [f"{r.page}: {text!r}" for r in results for text in r.raw_tex]
    assert not raw, "raw TeX in the visible text:\n" + "\n".join(raw[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_phone_toggles_open_the_sidebars_and_the_switcher_stays_in_view(inspected, lang):
    problems = [f"{r.page}: {p}" for r in _of_site(inspected, lang) for p in r.problems]
    assert not problems, "\n".join(problems)
    # every page with sections has an in-page contents, whose toggle was tried
    with_sections = {f"{lang}/{name}.html" for name, path in pages(lang).items()
                     if 2 in Page(path).headings}
    untried = sorted(p for p in with_sections if not inspected[p].secondary_tried)
    assert not untried, f"pages whose 'Contents' toggle was not tried: {untried}"


def test_no_request_leaves_the_site(inspected, browser):
    assert not browser.outside, "requests to other addresses:\n" + "\n".join(browser.outside)


# -- The language switcher keeps the reader's place ----------------------------------------

def _switch(browser, url: str, *, keyboard: bool = False) -> tuple[str, bool]:
    """Open ``url``, follow the switcher (a click, or Tab-focus and Enter); returns the URL
    reached and whether its #anchor is an element of that page."""

    async def go():
        async with headless.context(browser.browser, browser.base,
                                    outside=browser.outside) as context:
            page = await headless.open_page(context, url)
            link = page.locator("a.dlopt-lang-switch")
            async with page.expect_navigation():
                if keyboard:
                    await link.focus()
                    await page.keyboard.press("Enter")
                else:
                    await link.click()
            anchor = await page.evaluate(
                "() => !location.hash || !!document.getElementById("
                "decodeURIComponent(location.hash.slice(1)))")
            return page.url, anchor

    return browser.run(go())


@pytest.mark.parametrize(("start", "anchor", "expected"), [
    ("bg/chapters/02-gradient-descent.html", "sec-gd-learning-rate", "sec-gd-learning-rate"),
    ("en/chapters/02-gradient-descent.html", "fig-gd-gradient-field", "fig-gd-gradient-field"),
    ("bg/chapters/02-gradient-descent.html", "equation-eq-gd-update", "equation-eq-gd-update"),
    # MyST's heading anchor, made from the Bulgarian text: the section's label instead
    ("bg/chapters/02-gradient-descent.html", "градиентът", "sec-gd-gradient"),
    ("en/chapters/02-gradient-descent.html", "the-gradient", "sec-gd-gradient"),
    # a section without a label: its position, the same in both languages
    ("en/examples/03-learning-rate-comparison.html", "what-we-see", "section-1-1"),
    ("bg/index.html", "", ""),
])
def test_switcher_keeps_the_anchor(browser, start, anchor, expected):
    other = "en" if start.startswith("bg/") else "bg"
    url = browser.base + start + (f"#{quote(anchor)}" if anchor else "")
    reached, exists = _switch(browser, url)
    target = browser.base + other + start[2:]
    assert reached == target + (f"#{expected}" if expected else "")
    assert exists, f"{reached}: no element with that id"


def test_switcher_keeps_the_anchor_from_the_keyboard(browser):
    url = browser.base + "en/chapters/02-gradient-descent.html#sec-gd-conditioning"
    reached, exists = _switch(browser, url, keyboard=True)
    assert reached == browser.base + "bg/chapters/02-gradient-descent.html#sec-gd-conditioning"
    assert exists


# -- The keyboard --------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
    || style.boxShadow !== "none";
  const names = {
    "☰": ".bd-header-article .primary-toggle", "switcher": "a.dlopt-lang-switch",
    "download": ".bd-header-article .dropdown-toggle", "edit": "a.btn-edit-this-page-button",
  };
  const name = Object.keys(names).find((key) => e.matches(names[key]));
  return name ? [name, ring] : null;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_header_controls_are_reached_by_tab_with_a_visible_focus_ring(browser, lang):
    async def tab_through():
        async with headless.context(browser.browser, browser.base,
                                    outside=browser.outside) as context:
            page = await headless.open_page(
                context, f"{browser.base}{lang}/chapters/02-gradient-descent.html")
            seen = {}
            for _ in range(40):
                await page.keyboard.press("Tab")
                if (focused := await page.evaluate(FOCUSED)):
                    seen[focused[0]] = focused[1]
            return seen

    seen = browser.run(tab_through())
    assert sorted(seen) == sorted(["☰", "switcher", "download", "edit"]), seen
    assert all(seen.values()), f"no visible focus ring on: {[k for k, v in seen.items() if not v]}"


# -- The search page -----------------------------------------------------------------------

SEARCH = {
    "bg": {"query": "градиент", "title": "Търсене", "heading": "Резултати от търсенето",
           "found": re.compile(r"^Търсенето завърши: \d+ страници отговарят на заявката\.$"),
           "none": "Няма страница, която да отговаря на заявката"},
    "en": {"query": "gradient", "title": "Search", "heading": "Search Results",
           "found": re.compile(r"^Search finished, found \d+ pages matching the search query\.$"),
           "none": "Your search did not match any documents"},
}
MENU_TEXT = re.compile(r"Светла|Тъмна|Според системата|Light|Dark|System Settings|Ctrl\+K")
TEX = re.compile(r"\\[A-Za-z(\[)\]]|\$\$")


def _search(browser, lang: str, query: str) -> dict:
    async def go():
        async with headless.context(browser.browser, browser.base,
                                    outside=browser.outside) as context:
            page = await headless.open_page(
                context, f"{browser.base}{lang}/search.html?q={quote(query)}")
            status = page.locator("#search-results p.search-summary")
            await status.filter(has_text=re.compile(r"\S")).wait_for(timeout=60000)
            await page.wait_for_function(  # every result has its snippet
                "() => [...document.querySelectorAll('#search-results li')]"
                ".every((li) => li.querySelector('p.context'))", timeout=60000)
            return {
                "title": await page.locator(".bd-search-container h1").inner_text(),
                # the results' heading, which sphinx-book-theme hides (the page has its h1)
                "heading": await page.locator("#search-results h2").text_content(),
                "status": await status.inner_text(),
                "snippets": await page.locator("#search-results li p.context").all_inner_texts(),
            }

    return browser.run(go())


@pytest.mark.parametrize("lang", LANGS)
def test_search_page_speaks_the_site_language_with_prose_snippets(browser, lang):
    words = SEARCH[lang]
    found = _search(browser, lang, words["query"])
    assert (found["title"], found["heading"]) == (words["title"], words["heading"])
    assert words["found"].match(found["status"]), found["status"]
    assert len(found["snippets"]) >= 5
    for snippet in found["snippets"]:
        assert not TEX.search(snippet), f"raw TeX in a search snippet: {snippet!r}"
        assert not MENU_TEXT.search(snippet), f"menu text in a search snippet: {snippet!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_page_says_when_nothing_is_found(browser, lang):
    found = _search(browser, lang, "qqxzzyqq")
    assert found["heading"] == SEARCH[lang]["heading"]
    assert found["status"].startswith(SEARCH[lang]["none"]), found["status"]
    assert found["snippets"] == []


# -- Copy buttons --------------------------------------------------------------------------

COPY_LABEL = {"bg": "Копирай", "en": "Copy"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_cell_has_a_copy_button_that_copies_only_its_code(browser, lang):
    name = "chapters/02-gradient-descent"
    cells = {"\n".join(block.body).strip() for block in Page(pages(lang)[name]).code_cells}

    async def copy_each():
        async with headless.context(browser.browser, browser.base,
                                    outside=browser.outside) as context:
            await context.grant_permissions(["clipboard-read", "clipboard-write"],
                                            origin=browser.base.rstrip("/"))
            page = await headless.open_page(context, f"{browser.base}{lang}/{name}.html")
            await page.wait_for_selector("button.copybtn", state="attached")
            counts = await page.evaluate("""() => ({
              inputs: document.querySelectorAll(".cell_input pre").length,
              buttons: document.querySelectorAll(".cell_input pre + button.copybtn").length,
              outputs: document.querySelectorAll(".cell_output button.copybtn").length,
              labels: [...new Set([...document.querySelectorAll("button.copybtn")]
                .map((b) => b.dataset.tooltip))],
            })""")
            copied = []
            for button in await page.locator(".cell_input button.copybtn").all():
                await button.evaluate("(b) => b.closest('details')?.setAttribute('open', '')")
                await button.click(force=True)  # shown on hover only
                copied.append(await page.evaluate("navigator.clipboard.readText()"))
            return counts, copied

    counts, copied = browser.run(copy_each())
    assert counts["inputs"] > 5 and counts["buttons"] == counts["inputs"], counts
    assert counts["outputs"] == 0, "outputs have copy buttons"
    assert counts["labels"] == [COPY_LABEL[lang]]
    assert len(copied) == counts["inputs"]
    for text in copied:
        assert text.strip() in cells, f"copied text is not a cell's code: {text[:200]!r}"


# -- The interactive figures ---------------------------------------------------------------

EXPLORER_STATE = """(id) => {
  const root = document.getElementById(id);
  const input = root.querySelector("input[type=range]");
  return {
    points: [...root.querySelectorAll("svg.dlopt-explorer-paths polyline.dlopt-explorer-run")]
      .map((line) => line.getAttribute("points")),
    curve: root.querySelector("svg.dlopt-explorer-loss polyline.dlopt-explorer-run")
      .getAttribute("points"),
    output: root.querySelector("output").textContent,
    valuetext: input.getAttribute("aria-valuetext"),
    status: root.querySelector(".dlopt-explorer-status").textContent,
    focused: document.activeElement === input,
    names: [...root.querySelectorAll("svg")].map((svg) => svg.getAttribute("aria-label")),
    filter: getComputedStyle(root.querySelector("svg")).filter,
    static: [...document.querySelectorAll("figure.dlopt-explorer-static")]
      .map((figure) => [figure.querySelector("img").checkVisibility(),
                        figure.querySelector("figcaption").checkVisibility()]),
  };
}"""
EXPLORER_VALUES = {"bg": ("0,02", "0,03", "стъпки"), "en": ("0.02", "0.03", "steps")}


@pytest.mark.parametrize("lang", LANGS)
def test_explorer_slider_moves_with_the_keyboard_and_redraws_the_path(browser, lang):
    async def move():
        async with headless.context(browser.browser, browser.base,
                                    outside=browser.outside) as context:
            page = await headless.open_page(context, f"{browser.base}{lang}/explorer.html")
            # reach the first slider as a keyboard user does: with Tab, from the top of the page
            for _ in range(300):
                await page.keyboard.press("Tab")
                if await page.evaluate("document.activeElement.id") == "explorer-bowl-lr":
                    break
            else:
                pytest.fail("300 presses of Tab never reach the first slider")
            before = await page.evaluate(EXPLORER_STATE, "explorer-bowl")
            await page.keyboard.press("ArrowRight")
            after = await page.evaluate(EXPLORER_STATE, "explorer-bowl")
            await headless.set_theme(page, "dark")
            dark = await page.evaluate(EXPLORER_STATE, "explorer-bowl")
            return before, after, dark

    before, after, dark = browser.run(move())
    first, second, steps = EXPLORER_VALUES[lang]
    assert (before["output"], before["valuetext"]) == (first, first)
    assert (after["output"], after["valuetext"]) == (second, second)
    assert before["focused"] and after["focused"]
    # the panels' accessible names say which setting they show
    assert all(f"= {first}" in name for name in before["names"]), before["names"]
    assert all(f"= {second}" in name for name in after["names"]), after["names"]
    assert steps in after["names"][1], "the loss panel's name gives the outcome"
    assert before["points"][0] and after["points"][0] != before["points"][0], "the path is redrawn"
    assert after["curve"] != before["curve"], "the loss curve is redrawn"
    assert steps in after["status"] and after["status"] != before["status"]
    assert before["static"] == [[False, True]] * 4, (
        "the static pictures give way to the interactive figures; their captions stay")
    assert before["filter"] == "none" and dark["filter"].startswith("invert(0.92)"), dark["filter"]


#: One slider's explorer as the reader's browser shows it.
SLIDER_STATE = """(input) => {
  const root = input.closest(".dlopt-explorer");
  return {
    id: root.id,
    paths: [...root.querySelectorAll("svg.dlopt-explorer-paths polyline.dlopt-explorer-run")]
      .map((line) => line.getAttribute("points")),
    curves: [...root.querySelectorAll("svg.dlopt-explorer-loss polyline.dlopt-explorer-run")]
      .map((line) => line.getAttribute("points")),
    output: root.querySelector(`output[for="${input.id}"]`).textContent,
    valuetext: input.getAttribute("aria-valuetext"),
    status: root.querySelector(".dlopt-explorer-status").textContent,
    values: JSON.parse(root.querySelector("script.dlopt-explorer-page").textContent)
      .labels[input.name],
  };
}"""


async def every_slider(page):
    """Each slider of the page at its first value (key Home) and at its last (key End)."""
    out = []
    for input in await page.locator(".dlopt-explorer input[type=range]").all():
        await input.press("Home")
        low = await input.evaluate(SLIDER_STATE)
        await input.press("End")
        high = await input.evaluate(SLIDER_STATE)
        out.append({"id": low["id"], "name": await input.get_attribute("name"), "low": low,
                    "high": high, "values": low["values"]})
    return out


EXPLORER_PAGES = {"explorer": 4, "chapters/04-advanced-optimizers": 1}


@pytest.mark.parametrize("page_name", list(EXPLORER_PAGES))
@pytest.mark.parametrize("lang", LANGS)
def test_every_slider_of_every_explorer_redraws_its_figure(browser, lang, page_name):
    """Each slider, moved from its first to its last value, changes every path and loss curve
    of its explorer, its value as text and as aria-valuetext, and the status line — on a
    phone too."""
    async def move_all():
        found = {}
        for viewport in (headless.DESKTOP, headless.PHONE):
            async with headless.context(browser.browser, browser.base, viewport=viewport,
                                        outside=browser.outside) as context:
                page = await headless.open_page(context, f"{browser.base}{lang}/{page_name}.html")
                found[viewport["width"]] = await every_slider(page)
        return found

    found = browser.run(move_all())
    for width, sliders in found.items():
        assert len({s["id"] for s in sliders}) == EXPLORER_PAGES[page_name], (width, sliders)
        for s in sliders:
            where = f"{lang}/{page_name} #{s['id']} {s['name']} at {width} px"
            low, high = s["low"], s["high"]
            assert (low["output"], low["valuetext"]) == (s["values"][0],) * 2, where
            assert (high["output"], high["valuetext"]) == (s["values"][-1],) * 2, where
            assert low["paths"] and all(low["paths"]), where
            for a, b in zip(low["paths"] + low["curves"], high["paths"] + high["curves"],
                            strict=True):
                assert a != b, f"{where}: a path or loss curve did not change"
            assert low["status"] and low["status"] != high["status"], where
