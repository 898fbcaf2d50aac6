"""A failing code cell names its page and its line in the .md file.

myst-nb reports a failing cell as "Executing notebook failed" with the traceback of
the notebook runner, and its traceback names cells by execution count ("Cell In[2],
line 4"), not by where they are in the page. This extension reports instead

    book/bg/chapters/02-gradient-descent.md:118: ERROR: code cell 5 failed: ZeroDivisionError: …

followed by the cell's Python traceback (plain text), in which every "Cell In[n],
line k" is replaced by the page and line it comes from, e.g.
``book/bg/chapters/02-gradient-descent.md:121``. With ``nb_execution_raise_on_error``
the build then stops (``CodeCellError``); otherwise the error fails a ``-W`` build.
A cell that runs to the end but shows an error output (an exception in a ``post_execute``
callback, e.g. the figure layout check of ``dlopt.layout``) is reported the same way and
fails a ``-W`` build, from a fresh run and from the execution cache alike.
"""

from __future__ import annotations

import logging as _logging
import os
import re
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FRAME = re.compile(r"Cell In\[(\d+)\], line (\d+)")


class CodeCellError(SphinxError):
    category = "Code cell failed"


def code_start_lines(path: Path) -> dict[int, int]:
    """For each ``{code-cell}`` fence of a MyST page: fence line -> first code line (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = {}
    for i, line in enumerate(lines):
        if re.match(r"^\s*(`{3,})\s*\{code-cell\}", line):
            j = i + 1
            if j < len(lines) and lines[j].strip() == "---":  # YAML options block
                j += 1
                while j < len(lines) and lines[j].strip() != "---":
                    j += 1
                j += 1
            else:
                while j < len(lines) and re.match(r"^\s*:[\w-]+:", lines[j]):  # :tags: [...]
                    j += 1
            starts[i + 1] = j + 1
    return starts


def describe_failure(notebook, path: Path, error: BaseException | None,
                     skip: int = 0) -> tuple[int, str]:
    """The .md line of the failing cell and a plain-text report: cell number and traceback.

    ``skip`` passes over that many cells with an error output (to report the later ones)."""
    source_map = notebook.metadata.get("source_map") or []
    starts = code_start_lines(path)
    shown = _shown_path(path)

    def fence_line(index: int) -> int:
        # myst-nb's source map holds the line of each cell's fence; snap to the nearest fence
        guess = source_map[index] if index < len(source_map) else 0
        return min(starts, key=lambda fence: abs(fence - guess), default=guess)

    code_cells = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    by_count = {notebook.cells[i].get("execution_count"): i for i in code_cells}
    failing, traceback = None, ""
    for i in code_cells:
        outputs = notebook.cells[i].get("outputs", [])
        errors = [o for o in outputs if o.get("output_type") == "error"]
        if errors and skip:
            skip -= 1
        elif errors:
            failing = i
            traceback = "\n".join(errors[0].get("traceback", [])) or (
                f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
            break
    if failing is None:  # e.g. a timeout: no error output, but the message quotes the cell
        message = str(error or "")
        failing = next((i for i in code_cells if notebook.cells[i].source.strip()
                        and notebook.cells[i].source.strip() in message), None)
        traceback = message
    traceback = ANSI.sub("", traceback)

    def frame(match: re.Match) -> str:
        cell = by_count.get(int(match.group(1)))
        if cell is None:
            return match.group(0)
        fence = fence_line(cell)
        return f"{shown}:{starts.get(fence, fence + 1) + int(match.group(2)) - 1}"

    traceback = CELL_FRAME.sub(frame, traceback)
    if failing is None:
        return 0, f"a code cell failed\n{traceback}"
    line = fence_line(failing)
    number = code_cells.index(failing) + 1
    last = traceback.strip().splitlines()[-1] if traceback.strip() else type(error).__name__
    return line, f"code cell {number} failed: {last}\n\n{traceback.rstrip()}\n"


def has_error_output(notebook) -> bool:
    """Whether a code cell not tagged ``raises-exception`` shows an error.

    A cell can end with status "ok" and still show an error: an exception in an IPython
    ``post_execute`` callback (such as :func:`dlopt.layout.check_figures`) is printed as
    an error output but does not fail the cell, so nbclient does not raise.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    >>> has_error_output(nb)
    False
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("error", ename="E", evalue="", traceback=[])]
    >>> has_error_output(nb)
    True
    >>> nb.cells[0].metadata["tags"] = ["raises-exception"]
    >>> has_error_output(nb)
    False
    """
    return error_cells(notebook) > 0


def error_cells(notebook) -> int:
    """How many code cells not tagged ``raises-exception`` show an error output."""
    return sum(
        cell.cell_type == "code"
        and "raises-exception" not in cell.get("metadata", {}).get("tags", [])
        and any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        for cell in notebook.cells)


def _shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class _DropRunnerReport(_logging.Filter):
    """Hide myst-nb's own report of the failure (the runner's traceback): ours replaces it."""

    def filter(self, record: _logging.LogRecord) -> bool:
        return not str(record.getMessage()).startswith("Executing notebook failed")


def _report_failures(client_class) -> None:
    original = client_class.start_client
    if getattr(original, "_reports_cell_lines", False):
        return

    def start_client(self):
        from myst_nb.core.execute.base import ExecutionError

        quiet = _DropRunnerReport()
        target = self.logger
        while isinstance(target, _logging.LoggerAdapter):  # myst-nb's and Sphinx's adapters
            target = target.logger
        target.addFilter(quiet)
        try:
            original(self)
            error = None
        except ExecutionError as raised:
            error = raised
        finally:
            target.removeFilter(quiet)
        failed = (error is not None or (self.exec_metadata or {}).get("succeeded") is False
                  or has_error_output(self.notebook))
        if not failed or self.path is None:
            return
        line, report = describe_failure(self.notebook, Path(self.path), error and error.__cause__)
        logger.error(report, location=f"{self.path}:{line}", type="mystnb", subtype="exec")
        for later in range(1, error_cells(self.notebook)):  # every other cell that shows an error
            where, more = describe_failure(self.notebook, Path(self.path), None, skip=later)
            logger.error(more, location=f"{self.path}:{where}", type="mystnb", subtype="exec")
        if error is not None:
            raise CodeCellError(f"{_shown_path(Path(self.path))}:{line}: {report}") from None

    start_client._reports_cell_lines = True
    client_class.start_client = start_client


def setup(app):
    from myst_nb.core.execute.cache import NotebookClientCache
    from myst_nb.core.execute.direct import NotebookClientDirect

    for client_class in (NotebookClientCache, NotebookClientDirect):
        _report_failures(client_class)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
