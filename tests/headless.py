"""Open the built sites in a real browser: Debian's chromium driven by Playwright.

Used by the browser tests (tests/book/test_browser.py). The browser is Debian's
``chromium`` (``make system-packages`` installs it), never a browser that Playwright would
download; axe-core, the accessibility checker, is installed from npm by ``make axe-core``
at the version pinned in the Makefile.
"""

from __future__ import annotations

import asyncio
import functools
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bookfiles import ROOT

#: Flags for a quiet headless browser that contacts nothing by itself.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 360, "height": 740}  # the narrowest phone screen the site must fit
DESKTOP = {"width": 1280, "height": 900}
THEMES = ("light", "dark")


def check_theme(theme: str) -> None:
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {THEMES}, got {theme!r}")


class Missing(Exception):
    """A tool the browser tests need is not installed; the message says how to get it."""


def chromium() -> str:
    """The path of Debian's chromium."""
    path = shutil.which("chromium")
    if path is None:
        raise Missing("chromium is missing: sudo apt-get install chromium "
                      "(`make system-packages` does it)")
    return path


def axe_version() -> str:
    """The axe-core version pinned in the Makefile (``AXE_VERSION := 4.x.y``)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(r"^AXE_VERSION\s*:=\s*(\S+)", makefile, re.M).group(1)


def axe_script(root: Path = ROOT) -> str:
    """The text of axe-core's ``axe.min.js`` as ``make axe-core`` installs it below ``root``."""
    version = axe_version()
    path = (root / "_build" / "node" / f"axe-core-{version}" / "node_modules" / "axe-core"
            / "axe.min.js")
    if not path.is_file():
        raise Missing(f"axe-core {version} is missing: make axe-core "
                      f"(npm install axe-core@{version} into _build/node)")
    return path.read_text(encoding="utf-8")


def async_playwright():
    """Playwright's asyncio API, or a clear message when the Python package is missing."""
    try:
        from playwright.async_api import async_playwright
    except ImportError as error:
        raise Missing("the Python package playwright is missing: "
                      "pip install -r requirements.txt (make does it)") from error
    return async_playwright


class Browser:
    """One headless chromium for a whole test session, driven from one event loop.

    ``run(coroutine)`` runs a coroutine on that loop, so that plain (synchronous) tests can
    open pages, several at once with :func:`asyncio.gather`.
    """

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self._playwright = self.run(async_playwright()().start())
        self.browser = self.run(self._playwright.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_ARGS))

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def close(self):
        self.run(self.browser.close())
        self.run(self._playwright.stop())
        self.loop.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002  (the base class's name)
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL (with ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


async def new_context(browser, base: str, *, viewport=DESKTOP, theme: str = "light",
                      outside: list[str] | None = None):
    """A browser context in the given colour theme whose requests may not leave ``base``.

    Every request to another address is aborted and appended to ``outside``. The theme is
    chosen the way the theme's own switch does: ``localStorage["theme"]``, read by the
    script at the top of every page.
    """
    check_theme(theme)
    context = await browser.new_context(viewport=viewport, color_scheme=theme)
    await context.add_init_script(f"localStorage.setItem('theme', '{theme}');")

    async def route(route):
        url = route.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            await route.continue_()
        else:
            if outside is not None:
                outside.append(url)
            await route.abort()

    await context.route("**/*", route)
    return context


@asynccontextmanager
async def context(browser, base: str, **options):
    """``new_context`` as ``async with``: the context is closed however the block ends."""
    opened = await new_context(browser, base, **options)
    try:
        yield opened
    finally:
        await opened.close()


#: Resolves when the page has loaded and MathJax (where the page has math) has typeset it.
WAIT_FOR_MATH = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
}"""


async def open_page(context, url: str):
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    await page.evaluate(WAIT_FOR_MATH)
    return page


async def set_theme(page, theme: str):
    """Switch a loaded page to ``theme`` as the theme's own switch does (``data-theme``)."""
    check_theme(theme)
    await page.emulate_media(color_scheme=theme)
    await page.evaluate(SWITCH_THEME, theme)


#: Sets data-theme; the theme's colour transitions are turned off first, so that the colours
#: checked right after the switch are the final ones, not those of the transition.
SWITCH_THEME = """(theme) => {
  if (!document.getElementById("no-transitions")) {
    const style = document.createElement("style");
    style.id = "no-transitions";
    style.textContent = "*, *::before, *::after { transition: none !important; }";
    document.head.appendChild(style);
  }
  document.documentElement.dataset.theme = theme;
  document.body.getBoundingClientRect();  // apply the new styles now
}"""


async def axe(page, script: str) -> list[dict]:
    """axe-core's critical and serious violations on ``page``: impact, rule, nodes."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(content=script)
    violations = await page.evaluate("""async () => {
      const result = await axe.run(document, {resultTypes: ['violations']});
      return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ')),
      }));
    }""")
    return [v for v in violations if v["impact"] in ("critical", "serious")]
