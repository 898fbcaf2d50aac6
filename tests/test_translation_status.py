"""book/_ext/translation_status.py: which page changed after its twin, from git history."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bookfiles import BOOK

SCRIPT = BOOK / "_ext" / "translation_status.py"
_spec = importlib.util.spec_from_file_location("translation_status", SCRIPT)
ts = sys.modules["translation_status"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ts)


def git(repo: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """A book with two pages, both languages committed together at t = 1000."""
    git(tmp_path, "init", "-q")
    for lang in ("bg", "en"):
        write(tmp_path, f"book/{lang}/index.md", f"# {lang}\n")
        write(tmp_path, f"book/{lang}/chapters/one.md", f"# one {lang}\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "both", when=1000)
    return tmp_path


def by_name(statuses):
    return {s.name: s for s in statuses}


def test_pages_committed_together_are_up_to_date(repo):
    pages = by_name(ts.translation_status(repo))
    assert sorted(pages) == ["chapters/one", "index"]
    assert pages["chapters/one"].changed == {"bg": 1000, "en": 1000}
    assert not any(p.stale or p.missing for p in pages.values())
    assert ts.warnings(list(pages.values())) == []


def test_a_later_bulgarian_commit_makes_the_english_twin_stale(repo):
    write(repo, "book/bg/chapters/one.md", "# one, revised\n")
    git(repo, "commit", "-q", "-am", "bg only", when=2000)
    page = by_name(ts.translation_status(repo))["chapters/one"]
    assert page.changed == {"bg": 2000, "en": 1000}
    assert page.stale == "en"
    [warning] = ts.warnings([page])
    assert warning.startswith("book/en/chapters/one.md is stale: book/bg/chapters/one.md changed")


def test_a_bulgarian_fix_that_needs_no_translation_leaves_the_twin_up_to_date(repo):
    """A commit of the original alone that says "Translation-Needed: no" does not count; the
    next ordinary Bulgarian commit does."""
    write(repo, "book/bg/chapters/one.md", "# one, typo fixed\n")
    git(repo, "commit", "-q", "-am", "bg typo\n\nTranslation-Needed: no", when=2000)
    page = by_name(ts.translation_status(repo))["chapters/one"]
    assert page.changed == {"bg": 1000, "en": 1000} and page.stale is None
    write(repo, "book/bg/chapters/one.md", "# one, revised\n")
    git(repo, "commit", "-q", "-am", "bg revised\n\nTranslation-Needed: not yet", when=3000)
    assert by_name(ts.translation_status(repo))["chapters/one"].stale == "en"


def test_a_page_whose_every_commit_needs_no_translation_dates_from_its_first(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path, "book/bg/index.md", "# bg\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "bg\n\nTranslation-Needed: no", when=1000)
    write(tmp_path, "book/en/index.md", "# en\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "en", when=2000)
    page = by_name(ts.translation_status(tmp_path))["index"]
    assert page.changed == {"bg": 1000, "en": 2000} and page.stale is None


def test_a_translation_committed_after_its_original_is_up_to_date(repo):
    """The Bulgarian commit, then the English one 30 s later: both up to date, for ever."""
    write(repo, "book/bg/chapters/one.md", "# one, revised\n")
    git(repo, "commit", "-q", "-am", "bg", when=2000)
    write(repo, "book/en/chapters/one.md", "# one en, revised\n")
    git(repo, "commit", "-q", "-am", "en", when=2030)
    page = by_name(ts.translation_status(repo))["chapters/one"]
    assert page.changed == {"bg": 2000, "en": 2030}
    assert page.stale is None and ts.warnings([page]) == []


def test_an_english_only_fix_leaves_the_original_up_to_date(repo):
    write(repo, "book/en/index.md", "# en, typo fixed\n")
    git(repo, "commit", "-q", "-am", "en typo", when=3000)
    assert by_name(ts.translation_status(repo))["index"].stale is None


def test_an_uncommitted_edit_counts_as_the_newest_change(repo):
    write(repo, "book/bg/index.md", "# bg, revised\n")
    page = by_name(ts.translation_status(repo))["index"]
    assert page.changed["bg"] == ts.UNCOMMITTED
    assert page.stale == "en"
    write(repo, "book/en/index.md", "# en, revised\n")  # translated, not yet committed
    assert by_name(ts.translation_status(repo))["index"].stale is None


def test_a_page_in_one_language_only_is_reported_missing(repo):
    write(repo, "book/bg/new.md", "# new\n")
    page = by_name(ts.translation_status(repo))["new"]
    assert page.missing == "en"
    assert ts.warnings([page]) == ["book/en/new.md is missing (book/bg/new.md exists)"]


def test_outside_a_git_checkout_the_cli_says_so_and_succeeds(tmp_path):
    """An unpacked archive: no git history, a note instead of a failure."""
    (tmp_path / "book" / "_ext").mkdir(parents=True)
    (tmp_path / "book" / "bg").mkdir()
    shutil.copy(SCRIPT, tmp_path / "book" / "_ext")
    assert ts.translation_status(tmp_path) is None
    done = subprocess.run([sys.executable, str(tmp_path / "book" / "_ext" / SCRIPT.name)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0
    assert "not a git checkout" in done.stdout


def test_the_cli_prints_warnings_and_exits_zero(repo):
    (repo / "book" / "_ext").mkdir()
    shutil.copy(SCRIPT, repo / "book" / "_ext")
    write(repo, "book/bg/chapters/one.md", "# one, revised\n")
    git(repo, "commit", "-q", "-am", "bg only", when=2000)
    done = subprocess.run([sys.executable, str(repo / "book" / "_ext" / SCRIPT.name)],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert "WARNING: book/en/chapters/one.md is stale" in done.stdout
