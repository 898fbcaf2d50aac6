"""A Bulgarian bibliography style for the Bulgarian book.

pybtex's ``plain`` style writes English words into entries ("and", "In", "pages",
"editors", "Volume"). This style is ``plain`` with those words in Bulgarian, so the
Bulgarian site and PDF do not switch language in their bibliography. Only the
templates of the entry types the book cites are changed. Both styles put the titles of
articles and papers in sentence case, so references.bib protects proper names and
symbols with braces (``A {B}ayesian …``, ``{O(1/k²)}``); an edition is an English
ordinal word (``edition = {Second}``), which ``plain`` prints as "second edition" and
this style as „2. изд.“.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import date, pages
from pybtex.style.template import (
    field,
    first_of,
    join,
    names,
    optional,
    optional_field,
    sentence,
    tag,
    together,
    words,
)

EDITIONS = ("first", "second", "third", "fourth", "fifth",
            "sixth", "seventh", "eighth", "ninth", "tenth")


def bulgarian_edition(edition: str) -> str:
    """The Bulgarian form of an edition written as an English ordinal word.

    >>> bulgarian_edition("Second")
    '2.'
    >>> bulgarian_edition("2")
    Traceback (most recent call last):
    ...
    ValueError: edition = '2': write an English ordinal word, First … Tenth (e.g. {Second})
    """
    word = edition.strip().lower()
    if word not in EDITIONS:
        raise ValueError(f"edition = {edition!r}: write an English ordinal word, "
                         "First … Tenth (e.g. {Second})")
    return f"{EDITIONS.index(word) + 1}."


class BulgarianStyle(PlainStyle):
    """``plain``, with Bulgarian connecting words."""

    def format_names(self, role, as_sentence=True):
        formatted = names(role, sep=", ", sep2=" и ", last_sep=" и ")
        return sentence[formatted] if as_sentence else formatted

    def format_editor(self, e, as_sentence=True):
        editors = self.format_names("editor", as_sentence=False)
        if "editor" not in e.persons:
            return editors
        result = join(sep=", ")[editors, "ред."]
        return sentence[result] if as_sentence else result

    def format_volume_and_series(self, e, as_sentence=True):
        # Bulgarian practice names the series first and abbreviates the volume: „PMLR, т. 40“
        # (not the English style's word order, „том 40 от PMLR“).
        result = first_of[
            optional[join(sep=", ")[optional_field("series"), together["т.", field("volume")]]],
            optional[join(sep=", ")[optional_field("series"), together["бр.", field("number")]]],
            optional_field("series"),
        ]
        return sentence(capfirst=True)[result] if as_sentence else result

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together["гл.", field("chapter")]],
            optional[together["с.", pages]],
        ]

    def format_edition(self, e):
        if "edition" not in e.fields:
            return optional[field("edition")]  # prints nothing
        try:
            number = bulgarian_edition(e.fields["edition"])
        except ValueError as error:
            raise ValueError(f"references.bib, entry {e.key}: {error}") from None
        return words[number, "изд."]

    def get_article_template(self, e):
        volume_and_pages = first_of[
            optional[join[field("volume"), optional["(", field("number"), ")"], ":", pages]],
            words["с.", pages],
        ]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[field("journal")], optional[volume_and_pages], date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_inproceedings_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "В:",
                sentence[
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                    optional[pages],
                ],
                self.format_address_organization_publisher_date(e),
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


register_plugin("pybtex.style.formatting", "plain_bg", BulgarianStyle)
