"""The review plan follows the reader: a calendar file of the four reviews and a checklist.

The directive ``{review-calendar}`` (on the review-plan page, after the schedule) shows

* a date field, "the day you studied", and a button that downloads a calendar file
  (``.ics``) with one all-day event per row of the schedule, on that day plus 1, 3, 7 and
  30 days, each with its prompt and a link to its chapter. The file is made in the
  reader's browser by ``_static/review-ics.js`` (pure functions, which the tests run with
  ``node``); nothing is sent anywhere;
* a checklist of the reviews, each with its date, kept in the browser's ``localStorage``
  (``_static/review-plan.js``), so that the reader sees which reviews are done.

Every text is in the page's language; the schedule's rows (interval, prompt, chapter and
its link) are read from the page's own table (``review_cards.review_schedule``), so the
calendar always says what the table says. Without JavaScript the widget stays hidden, and
the PDF leaves it out.
"""

from __future__ import annotations

import json
from html import escape

import review_cards
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

SCRIPTS = ("review-ics.js", "review-plan.js")
STYLE = "review-plan.css"

TEXT = {
    "bg": {
        "studied": "Денят, в който изучихте материала:",
        "download": "Изтеглете календара (.ics)",
        "hint": "Календарът съдържа четирите преговора като събития за целия ден, всяко с "
                "промпта си и връзка към главата; отворете файла с програмата си за календар.",
        "legend": "Кои преговори сте направили",
        "due": "на {date}",
        "progress": "Направени: {done} от {total}.",
        "noscript": "Календарът и отметките за напредъка работят с JavaScript.",
        "calendar": "План за преговор — Оптимизация в дълбокото обучение",
        "summary": "Преговор след {when}: {chapter}",
        "description": "{prompt}\n\nКакво преговаря: {chapter}",
        "file": "преговор-{date}.ics",
    },
    "en": {
        "studied": "The day you studied the material:",
        "download": "Download the calendar (.ics)",
        "hint": "The calendar holds the four reviews as all-day events, each with its prompt "
                "and a link to its chapter; open the file with your calendar program.",
        "legend": "Which reviews you have done",
        "due": "on {date}",
        "progress": "Done: {done} of {total}.",
        "noscript": "The calendar and the progress checklist need JavaScript.",
        "calendar": "Review plan — Optimization in Deep Learning",
        "summary": "Review after {when}: {chapter}",
        "description": "{prompt}\n\nWhat it reviews: {chapter}",
        "file": "review-plan-{date}.ics",
    },
}


class review_calendar(nodes.General, nodes.Element):
    """The date field, the download button and the checklist; filled with the schedule's
    rows when the page's references are resolved."""


class ReviewCalendar(SphinxDirective):
    """``{review-calendar}``: the calendar download and checklist of the review schedule."""

    has_content = False

    def run(self):
        if self.config.language not in TEXT:
            raise self.error(f"language={self.config.language!r}: the calendar's texts exist "
                             f"for {sorted(TEXT)}")
        return [review_calendar("")]


def plan(lang: str, reviews: list[review_cards.Review]) -> dict:
    """What the page's scripts need: the texts and, per review, its days, event and link."""
    t = TEXT[lang]
    return {
        "lang": lang,
        "calendar": t["calendar"],
        "file": t["file"],
        "due": t["due"],
        "progress": t["progress"],
        "reviews": [{
            "days": r.days,
            "summary": t["summary"].format(when=r.when, chapter=r.chapter),
            "description": t["description"].format(prompt=r.prompt, chapter=r.chapter),
            "href": r.chapter_uri,
        } for r in reviews],
    }


def _fill(app, doctree, docname):
    for node in doctree.findall(review_calendar):
        node["reviews"] = review_cards.review_schedule(doctree)


def _visit_html(self, node):
    lang = self.builder.config.language
    t = TEXT[lang]
    reviews = node["reviews"]
    data = json.dumps(plan(lang, reviews), ensure_ascii=False).replace("<", "\\u003c")
    items = []
    for r in reviews:
        box = f"review-plan-done-{r.days}"
        items.append(
            f'<li><input type="checkbox" id="{box}" data-days="{r.days}" '
            f'aria-describedby="{box}-due"> <label for="{box}"><strong>{escape(r.when)}</strong>'
            f" — {escape(r.prompt)}</label> "
            f'<span class="review-plan-due" id="{box}-due" data-days="{r.days}"></span></li>')
    self.body.append(
        '<div class="review-plan-tools" hidden>\n'
        f'<script type="application/json" id="review-plan-data">{data}</script>\n'
        '<p class="review-plan-date">'
        f'<label for="review-plan-studied">{escape(t["studied"])}</label> '
        '<input type="date" id="review-plan-studied" required> '
        '<button type="button" id="review-plan-download">'
        f'{escape(t["download"])}</button></p>\n'
        f'<p class="review-plan-hint">{escape(t["hint"])}</p>\n'
        f'<fieldset class="review-plan-checklist"><legend>{escape(t["legend"])}</legend>\n'
        '<ul>\n' + "\n".join(items) + '\n</ul>\n'
        '<p class="review-plan-progress" aria-live="polite"></p>\n'
        '</fieldset>\n</div>\n'
        f'<noscript><p>{escape(t["noscript"])}</p></noscript>\n')
    raise nodes.SkipNode


def _skip(self, node):
    raise nodes.SkipNode


def _assets(app, pagename, templatename, context, doctree):
    """The scripts and style only on the pages that show the calendar."""
    if doctree is not None and next(doctree.findall(review_calendar), None) is not None:
        for script in SCRIPTS:
            app.add_js_file(script, loading_method="defer")
        app.add_css_file(STYLE)


def setup(app):
    app.add_node(review_calendar, html=(_visit_html, None), latex=(_skip, None),
                 text=(_skip, None), man=(_skip, None), texinfo=(_skip, None))
    app.add_directive("review-calendar", ReviewCalendar)
    app.connect("doctree-resolved", _fill)
    app.connect("html-page-context", _assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
