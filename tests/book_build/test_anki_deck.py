"""The Anki deck of a tiny book (book/_ext/anki_deck.py): same bytes, stable notes.

A tiny book with a quiz, a chapter's questions, a glossary and a review plan, built as
`make html` does. Two builds of the same sources give the same bytes; a committed correction
of an answer keeps every note's guid (Anki updates the note instead of adding a duplicate)
and makes the notes newer, which is what Anki's import needs to take the correction up.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import zipfile

import tinybook

sys.path.insert(0, str(tinybook.ROOT / "book" / "_ext"))
import anki_deck  # noqa: E402

QUIZ = """\
(quiz)=
# Тест

```{anki-deck}
```

(quiz-sum)=
## Въпрос 1

**Колко е $1 + 1$?**

:::{dropdown} Отговор
Две: $1 + 1 = 2$.
:::

(quiz-order)=
## Въпрос 2

**Вярно ли е, че $a < b$?**

:::{dropdown} Отговор
Само ако $b - a > 0$.
:::
"""

CHAPTER = """\
(ch-tiny)=
# Малка глава

(sec-tiny-questions)=
## Въпроси

(q-tiny-first)=
**Първи въпрос?**

:::{dropdown} Отговор
Първи отговор.
:::

**Втори въпрос?**

:::{dropdown} Отговор
Втори отговор.
:::
"""

GLOSSARY = """\
# Понятия

```{glossary}
градиент
gradient
  Векторът $\\nabla L$ от частните производни.

Adam
  Адаптивен оптимизатор.
```
"""

PLAN = """\
(review-plan)=
# План

(review-schedule)=
## Графикът

```{list-table}
:header-rows: 1

* - Кога
  - Промпт
  - Глава
* - 1 ден
  - Обяснете първото.
  - {doc}`chapter`
* - 1 седмица
  - Обяснете второто.
  - {doc}`chapter`
```

```{review-calendar}
```

(review-checkpoints)=
## Контролни точки

:::{dropdown} 1 ден
Първото е $x$.
:::

:::{dropdown} 1 седмица
Второто е $y$.
:::
"""

PAGES = {"quiz": QUIZ, "chapter": CHAPTER, "key-concepts": GLOSSARY, "review-plan": PLAN}
KEYS = ["quiz-sum", "quiz-order", "q-tiny-first", "sec-tiny-questions-2",
        "review-schedule-1", "review-schedule-7", "term-gradient", "term-Adam"]


def deck_path(tmp):
    return tmp / "_build" / "html" / "bg" / anki_deck.deck_file("bg")


def build(tmp) -> bytes:
    done = tinybook.build(tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    return deck_path(tmp).read_bytes()


def notes(tmp) -> dict[str, tuple[list[str], int]]:
    """guid -> (fields, mod) of the built deck, read with sqlite as Anki stores them."""
    with zipfile.ZipFile(deck_path(tmp)) as z:
        (tmp / "collection.anki2").write_bytes(z.read("collection.anki2"))
    with sqlite3.connect(tmp / "collection.anki2") as db:
        rows = db.execute("SELECT guid, flds, mod FROM notes").fetchall()
    return {guid: (flds.split("\x1f"), mod) for guid, flds, mod in rows}


def git(tmp, *args: str, date: str = "2026-01-01T12:00:00Z"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    *args], cwd=tmp, env=env, check=True, capture_output=True)


def test_two_builds_give_the_same_bytes_and_notes_keyed_by_labels(tmp_path):
    tinybook.make(tmp_path, PAGES)
    first = build(tmp_path)
    second = build(tmp_path)
    assert first == second, "two builds of the same book wrote different decks"
    found = notes(tmp_path)
    assert sorted(found) == sorted(anki_deck.note_guid("bg", key) for key in KEYS)
    fields = [f for f, _ in found.values()]
    assert ["Колко е \\(1 + 1\\)?" in f[0] for f in fields].count(True) == 1
    assert any("\\(b - a &gt; 0\\)" in f[1] for f in fields), "math for Anki's MathJax"
    with zipfile.ZipFile(deck_path(tmp_path)) as z:
        assert sorted(z.namelist()) == ["collection.anki2", "media"]
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))  # conf.py's default
        assert {mod for _, mod in found.values()} == {epoch}  # not a git checkout
        *minute, second = time.gmtime(epoch)[:6]
        assert {i.date_time for i in z.infolist()} == {(*minute, second - second % 2)}


def test_a_committed_correction_updates_the_notes_instead_of_adding_new_ones(tmp_path):
    tinybook.make(tmp_path, PAGES)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "tiny book")
    build(tmp_path)
    before = notes(tmp_path)
    page = tmp_path / "book" / "bg" / "chapter.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Втори отговор.", "Поправен."),
                    encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "correct an answer", date="2026-02-01T12:00:00Z")
    build(tmp_path)
    after = notes(tmp_path)
    assert sorted(after) == sorted(before), "a corrected answer must keep every guid"
    guid = anki_deck.note_guid("bg", "sec-tiny-questions-2")
    assert "Поправен." in after[guid][0][1] and "Втори отговор." in before[guid][0][1]
    assert after[guid][1] > before[guid][1], "Anki takes an update only from a newer note"


def test_a_schedule_without_its_checkpoints_fails_the_build_saying_why(tmp_path):
    plan = PLAN.split("(review-checkpoints)=")[0] + "(review-checkpoints)=\n## Точки\n\nНищо.\n"
    tinybook.make(tmp_path, {**PAGES, "review-plan": plan})
    done = tinybook.build(tmp_path)
    assert done.returncode != 0
    assert "has 2 rows but 'review-checkpoints' has 0 dropdowns" in done.stdout + done.stderr
