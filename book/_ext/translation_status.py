"""Translation status from git history: which pages changed after their twin.

Every page exists as book/bg/<name>.md and book/en/<name>.md. Bulgarian is the original
and English its translation, so the English page is *stale* when its Bulgarian original
changed (was committed) after the English page's own last change: the change has not
been translated yet. An English page changed later than its original — the translation
catching up, commits apart, or an English-only fix — is up to date. Uncommitted edits
count as the newest change, so the check also warns before a Bulgarian-only commit. A
Bulgarian-only commit that needs no translation (a typo, a „кавички“ fix) says so in a line of
its message, ``Translation-Needed: no`` (the whole line), and is not counted as a change of the
original: the Bulgarian date is that of the original's last change that needs translation.

    python book/_ext/translation_status.py    # prints the stale pairs as warnings, exits 0

The same file is a Sphinx extension: the directive ``{translation-status}`` renders
the table page → last change bg, last change en, status, in the page's language,
and ``{nb-exec-table}`` (myst-nb's execution report) gets headers in that language
too. Outside a git checkout (e.g. an unpacked archive) both say so instead.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LANGS = ("bg", "en")
UNCOMMITTED = float("inf")  # the time of a change that is not committed yet
NO_TRANSLATION = "Translation-Needed: no"  # a commit-message line: nothing to translate


@dataclass(frozen=True)
class PageStatus:
    """One page name and, per language, the time of its last change (None: no such page)."""

    name: str
    changed: dict[str, float | None]

    @property
    def stale(self) -> str | None:
        """``"en"`` when the original changed after its translation's last change."""
        bg, en = (self.changed[lang] for lang in LANGS)
        if bg is None or en is None:
            return None
        return "en" if bg > en else None

    @property
    def missing(self) -> str | None:
        return next((lang for lang in LANGS if self.changed[lang] is None), None)


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def is_git_checkout(root: Path) -> bool:
    """True when the book's pages are tracked by git (not an unpacked archive)."""
    return bool(_git(root, "ls-files", "--", "book/bg", "book/en"))


def translation_status(root: Path) -> list[PageStatus] | None:
    """The status of every page name of book/bg and book/en, or None outside a git checkout."""
    if not is_git_checkout(root):
        return None
    names = sorted({p.relative_to(root / "book" / lang).with_suffix("").as_posix()
                    for lang in LANGS for p in (root / "book" / lang).rglob("*.md")})
    pending = set((_git(root, "diff", "--name-only", "--relative", "HEAD", "--", "book") or "")
                  .split())
    pending |= set((_git(root, "ls-files", "--others", "--exclude-standard", "--", "book") or "")
                   .split())
    result = []
    for name in names:
        changed: dict[str, float | None] = {}
        for lang in LANGS:
            rel = f"book/{lang}/{name}.md"
            if not (root / rel).is_file():
                changed[lang] = None
            elif rel in pending:
                changed[lang] = UNCOMMITTED
            else:
                # An original's commit that says "Translation-Needed: no" (a typo or
                # punctuation fix of the Bulgarian alone) leaves its translation up to date.
                skip = ["--invert-grep", f"--grep=^{NO_TRANSLATION}$"] if lang == "bg" else []
                stamp = (_git(root, "log", "-1", "--format=%ct", *skip, "--", rel) or "").strip()
                if not stamp and skip:  # every commit of the page says so: its first one counts
                    history = _git(root, "log", "--reverse", "--format=%ct", "--", rel) or ""
                    stamp = history.split("\n")[0]
                changed[lang] = float(stamp) if stamp else UNCOMMITTED
        result.append(PageStatus(name, changed))
    return result


def when(stamp: float | None, lang: str = "en") -> str:
    if stamp is None:
        return "—"
    if stamp == UNCOMMITTED:
        return TEXT[lang]["uncommitted"]
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d %H:%M")


def warnings(statuses: list[PageStatus]) -> list[str]:
    """One line per page that needs the translator's attention."""
    lines = []
    for page in statuses:
        if page.missing:
            other = "en" if page.missing == "bg" else "bg"
            lines.append(f"book/{page.missing}/{page.name}.md is missing "
                         f"(book/{other}/{page.name}.md exists)")
        elif page.stale:
            other = "en" if page.stale == "bg" else "bg"
            lines.append(
                f"book/{page.stale}/{page.name}.md is stale: book/{other}/{page.name}.md changed "
                f"{when(page.changed[other])}, its twin last {when(page.changed[page.stale])}")
    return lines


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[2]
    statuses = translation_status(root)
    if statuses is None:
        print("translation status: not a git checkout, so the translation status is unknown")
        return 0
    found = warnings(statuses)
    for line in found:
        print(f"WARNING: {line}")
    print(f"translation status: {len(statuses)} pages, {len(found)} to update "
          "(warnings only: they do not fail the check)")
    return 0


# -- Sphinx extension ------------------------------------------------------------------

TEXT = {
    "bg": {
        "page": "Страница", "bg": "Последна промяна (bg)", "en": "Последна промяна (en)",
        "status": "Състояние", "ok": "актуален превод",
        "stale-en": "преводът изостава от оригинала", "missing-bg": "няма българска страница",
        "missing-en": "няма английска страница", "uncommitted": "незаписана промяна",
        "note": "Бележка",
        "no-git": "Книгата не е събрана от git хранилище, затова състоянието на превода "
                  "не може да се определи.",
        "exec": {"Document": "Страница", "Modified": "Изпълнена на", "Method": "Източник",
                 "Run Time (s)": "Време (s)", "Status": "Резултат"},
        "ran": "изпълнена сега", "cached": "от кеша", "decimal": ",",
    },
    "en": {
        "page": "Page", "bg": "Last change (bg)", "en": "Last change (en)", "status": "Status",
        "ok": "up to date", "stale-en": "translation behind the original",
        "missing-bg": "no Bulgarian page", "missing-en": "no English page",
        "uncommitted": "uncommitted change",
        "note": "Note",
        "no-git": "The book was not built from a git checkout, so the translation status "
                  "cannot be determined.",
        "exec": {"Document": "Page", "Modified": "Executed", "Method": "Source",
                 "Run Time (s)": "Run time (s)", "Status": "Result"},
        "ran": "executed now", "cached": "from the cache",
    },
}


def _table(rows: list[list], widths: list[int]):
    from docutils import nodes

    table = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    for k, cells in enumerate(rows):
        if k == 0:
            group += nodes.thead()
        elif k == 1:
            group += nodes.tbody()
        row = nodes.row()
        for cell in cells:
            para = nodes.paragraph()
            para += cell if isinstance(cell, nodes.Node) else nodes.Text(str(cell))
            row += nodes.entry("", para)
        group.children[-1] += row
    return table


def _setup_sphinx(app):
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.transforms.post_transforms import SphinxPostTransform
    from sphinx.util.docutils import SphinxDirective

    class TranslationStatus(SphinxDirective):
        """The table page → last change bg, last change en, status."""

        def run(self):
            lang = self.config.language if self.config.language in TEXT else "en"
            text = TEXT[lang]
            self.env.book_status_docs = getattr(self.env, "book_status_docs", set())
            self.env.book_status_docs.add(self.env.docname)
            root = Path(self.env.srcdir).resolve().parents[1]  # book/<lang> -> repository
            statuses = translation_status(root)
            if statuses is None:
                note = nodes.admonition("", nodes.title(text=text["note"]), classes=["note"])
                note += nodes.paragraph(text=text["no-git"])
                return [note]
            rows: list[list] = [[text["page"], text["bg"], text["en"], text["status"]]]
            for page in statuses:
                if page.changed[lang] is not None:
                    name = pending_xref("", refdomain="std", reftype="doc", refexplicit=False,
                                        reftarget="/" + page.name, refdoc=self.env.docname)
                    name += nodes.inline(text=page.name)
                else:
                    name = nodes.literal(text=page.name)
                state = (f"missing-{page.missing}" if page.missing
                         else f"stale-{page.stale}" if page.stale else "ok")
                rows.append([name, when(page.changed["bg"], lang),
                             when(page.changed["en"], lang), text[state]])
            return [_table(rows, [40, 20, 20, 20])]

    class LocalizedExecTable(SphinxPostTransform):
        """myst-nb's execution table, with headers in the page's language and a column that
        tells whether a page ran in this build or came from the execution cache."""

        default_priority = 7  # before myst-nb's own (8), which then finds nothing to replace

        def run(self, **kwargs):
            from myst_nb.ext.execution_tables import ExecutionStatsNode, make_stat_table
            from myst_nb.sphinx_ import NbMetadataCollector

            text = TEXT[self.config.language if self.config.language in TEXT else "en"]
            for node in list(self.document.findall(ExecutionStatsNode)):
                data = NbMetadataCollector.get_doc_data(self.env)
                table = make_stat_table(self.env.docname, data)
                executed = [data[d]["exec_data"] for d in sorted(data) if data[d].get("exec_data")]
                for entry in table.findall(nodes.entry):
                    for t in list(entry.findall(nodes.Text)):
                        if str(t) in text["exec"]:
                            t.parent.replace(t, nodes.Text(text["exec"][str(t)]))
                body_rows = list(next(table.findall(nodes.tbody)).children)
                for row, info in zip(body_rows, executed, strict=True):
                    method = row.children[2].children[0]
                    ran = (info.get("mtime") or 0) >= app.book_build_started
                    method.replace(method.children[0], nodes.Text(text["ran" if ran else "cached"]))
                    if lang_decimal := text.get("decimal"):  # run time: 1,23 in Bulgarian
                        seconds = row.children[3].children[0]
                        shown = seconds.astext().replace(".", lang_decimal)
                        seconds.replace(seconds.children[0], nodes.Text(shown))
                node.replace_self(table)

    def started(app_):
        app_.book_build_started = datetime.now().timestamp()

    def always_reread(app_, env, added, changed, removed):
        return sorted(getattr(env, "book_status_docs", set()) - set(added) - set(changed))

    def purge(app_, env, docname):
        getattr(env, "book_status_docs", set()).discard(docname)

    def merge(app_, env, docnames, other):
        env.book_status_docs = getattr(env, "book_status_docs", set()) | (
            getattr(other, "book_status_docs", set()) & set(docnames))

    app.add_directive("translation-status", TranslationStatus)
    app.add_post_transform(LocalizedExecTable)
    app.connect("builder-inited", started)
    app.connect("env-get-outdated", always_reread)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}


def setup(app):
    return _setup_sphinx(app)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
