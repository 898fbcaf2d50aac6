"""The pieces that make one configuration serve two sites, one per language.

- Each language's executed notebooks go to their own folder (``jupyter_execute/<lang>``):
  myst-nb writes them to ``<outdir>/../jupyter_execute``, a parent both sites share, and
  bg and en would overwrite each other's notebook of the same name.
- Every page links to the page with the same name in the other language (the switcher).
- myst-nb's toggle of hidden cells is named by its visible prompt, not by a hard-coded
  English label.
- MathJax is served from the book itself (:func:`mathjax_script`): no page may load
  anything from the network.
"""

from __future__ import annotations

from html import escape
from pathlib import Path


def mathjax_script() -> Path:
    """MathJax 3's ``tex-svg.js`` as shipped by the package django-static-mathjax."""
    import mathjax

    script = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5" / "tex-svg.js"
    if not script.is_file():
        raise FileNotFoundError(f"MathJax script not found at {script}")
    return script


def _separate_outputs(app, config):
    import myst_nb.sphinx_ext

    myst_nb.sphinx_ext.OUTPUT_FOLDER = f"jupyter_execute/{config.language}"


def _switcher_link(app, pagename, templatename, context, doctree):
    """Link every page to the page with the same name in the other language."""
    other = app.config.html_context["other_lang"]
    depth = pagename.count("/") + 1  # from <lang>/<pagename>.html up to the common root
    context["switch_url"] = "../" * depth + f"{other}/{pagename}.html"


def _visit_hidden_cell(self, node):
    """myst-nb's toggle for hidden cells, named by its visible prompt.

    myst-nb labels the toggle "Toggle hidden content" (aria-label), a name that differs from
    the text it shows ("Solution: show the code"), which fails WCAG 2.5.3 (axe:
    label-content-name-mismatch) and hides the prompt from screen readers.
    """
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.connect("config-inited", _separate_outputs)
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_cell, depart_HideCellInput))
    app.connect("html-page-context", _switcher_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
