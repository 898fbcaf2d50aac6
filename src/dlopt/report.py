"""Numbers a page quotes, written the way its language writes them.

A book page never retypes a number that a cell computed: the cell *glues* it, and the
prose shows the glued text with ``{glue}`name``` (not ``{glue:text}``, which re-reads the
text as a Python literal: ``0,25`` would become the tuple ``(0, 25)``). :class:`Numbers` formats the
value once, in the page's convention — ``0,27`` and ``99,3 %`` in Bulgarian, ``0.27`` and
``99.3%`` in English — so the same cell serves both languages with one string changed::

    nums = Numbers(decimal=",")          # the Bulgarian page; "." on the English one
    nums.glue("best_loss", 0.2712, ".2f")   # the prose writes {glue}`best_loss`

Run outside the book (no myst-nb installed), :meth:`Numbers.glue` does nothing.
"""

from __future__ import annotations

import numbers

THIN_SPACE = "\u202f"  # narrow no-break space: Bulgarian thousands separator, and before %


class Text:
    """A formatted number that Jupyter shows as itself (no quotes, unlike a ``str``)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other) -> bool:
        return str(other) == self.text

    __hash__ = None


class Numbers:
    """Format and glue numbers with the decimal sign of one language.

    Parameters
    ----------
    decimal : {".", ","}
        ``","`` for Bulgarian (decimal comma, narrow spaces between thousands and before
        ``%``), ``"."`` for English.

    >>> bg, en = Numbers(","), Numbers(".")
    >>> bg(0.2712, ".2f"), en(0.2712, ".2f")
    ('0,27', '0.27')
    >>> bg(0.9934, ".1%"), en(0.9934, ".1%")
    ('99,3\u202f%', '99.3%')
    >>> bg(12345.5, ",.1f"), en(12345.5, ",.1f")
    ('12\u202f345,5', '12,345.5')
    >>> bg(38, "d"), bg(-1.5e-5, ".1e")
    ('38', '−1,5e−05')
    >>> Numbers(";")
    Traceback (most recent call last):
    ...
    ValueError: decimal must be "." or ",", got ';'
    """

    def __init__(self, decimal: str = "."):
        if decimal not in (".", ","):
            raise ValueError(f'decimal must be "." or ",", got {decimal!r}')
        self.decimal = decimal

    def __call__(self, value, spec: str = "") -> str:
        """``value`` formatted with the format ``spec`` (as in ``format(value, spec)``)."""
        if not isinstance(value, numbers.Number) or isinstance(value, bool):
            raise ValueError(
                f"value must be a number, got {value!r} of type {type(value).__name__}"
            )
        try:
            text = format(value, spec)
        except (ValueError, TypeError) as error:
            raise ValueError(f"spec {spec!r} cannot format {value!r}: {error}") from None
        text = text.replace("-", "\u2212")  # a real minus sign, as in the figures
        if self.decimal == ",":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", THIN_SPACE)
            if text.endswith("%"):
                text = text[:-1] + THIN_SPACE + "%"
        return text

    def glue(self, name: str, value, spec: str = "") -> None:
        """Format ``value`` and glue the text under ``name`` for the page's prose.

        Returns nothing: a cell that ends with a glue shows no stray number under it (a
        cell that wants the text too calls the formatter, ``nums(value, spec)``).
        """
        text = Text(self(value, spec))
        try:
            from myst_nb import glue
        except ImportError:  # run outside the book: there is no prose to glue into
            return
        glue(name, text, display=False)
