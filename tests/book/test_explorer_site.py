"""The interactive figures of the built sites hold the runs a fresh dlopt computes.

Each explorer embeds its grid of runs as JSON (dlopt.explorer). These tests read the JSON
back from ``_build/html/{bg,en}`` and, for sampled slider positions, run the same optimizer
again with ``dlopt`` here — with :func:`dlopt.trajectory` on the surface, or with
:func:`dlopt.data.minibatches` and :class:`dlopt.optim.SGD` on the line fit — and compare.
They also check the page's words and numbers (decimal comma in Bulgarian) and measure the
weight of each explorer: its HTML block, with the data, and the script.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest
from bookfiles import LANGS
from sitefiles import SITE

from dlopt import trajectory
from dlopt.data import linear_regression, minibatches
from dlopt.explorer import FLOOR
from dlopt.functions import Quadratic, Rosenbrock, Saddle
from dlopt.optim import SGD, Adam

#: What each explorer of the book runs: page, surface (or "line"), methods, steps, every.
MOMENTUM = {"GD": lambda lr, momentum: SGD(lr=lr, momentum=momentum)}
EXPLORERS = {
    ("explorer", "explorer-bowl"): (Quadratic(condition=50.0), MOMENTUM, 100, 1),
    ("explorer", "explorer-rosenbrock"): (Rosenbrock(), MOMENTUM, 1000, 5),
    ("explorer", "explorer-saddle"): (
        Saddle(), {"GD": lambda lr: SGD(lr=lr), "Adam": lambda lr: Adam(lr=lr)}, 80, 1),
    ("explorer", "explorer-regression"): ("line", {"SGD": None}, 60, 1),
    ("chapters/04-advanced-optimizers", "explorer-adv-bowl"): (
        Quadratic(condition=50.0), MOMENTUM, 100, 1),
}
MAX_BYTES = 400_000  # "a few hundred KB per explorer at most" (the issue), static picture included
BLOCK = re.compile(r'<div class="dlopt-explorer" id="([a-z0-9-]+)">(.*?)\n</div>', re.S)
BOOK = Path(__file__).resolve().parents[2] / "book"
#: The variable each explorer's grid is assigned to in the page's source.
SOURCE = {"explorer-bowl": "bowl", "explorer-rosenbrock": "rosenbrock", "explorer-saddle": "saddle",
          "explorer-regression": "regression", "explorer-adv-bowl": "explorer"}
SAMPLES = 6  # slider positions checked per explorer (and always the first and the last)


def explorers(lang: str, page: str) -> dict[str, tuple[str, dict, dict]]:
    """id -> (the HTML block, its data, its page words) of every explorer on a built page."""
    path = SITE / lang / f"{page}.html"
    if not path.is_file():
        pytest.fail(f"{path} is not built: run `make html`")
    found = {}
    for m in BLOCK.finditer(path.read_text(encoding="utf-8")):
        scripts = dict(re.findall(r'<script type="application/json" class="dlopt-explorer-(\w+)">'
                                  r"(.*?)</script>", m.group(2), re.S))
        found[m.group(1)] = (m.group(0), json.loads(scripts["data"]), json.loads(scripts["page"]))
    return found


def source_sliders(lang: str, page: str, element_id: str) -> dict[str, list[float]]:
    """The slider values the page's source passes to surface_grid / regression_grid."""
    text = (BOOK / lang / f"{page}.md").read_text(encoding="utf-8")
    call = re.search(rf"^{SOURCE[element_id]} = (?:surface|regression)_grid\((.*?)steps=", text,
                     re.M | re.S)
    assert call, f"{page}.md: no grid call for {element_id}"
    grid = re.search(r'\{"(?:lr|batch_size)".*?\]\}', call.group(1), re.S)
    return ast.literal_eval(grid.group(0))


def line_gaps(path):
    """L(θ_t) − L* on all the line's data for the points θ_t of path.

    For least squares L(θ) − L(θ*) = ‖A(θ − θ*)‖² / n exactly (the residual at θ* is
    orthogonal to A's columns); the subtraction L(θ) − L(θ*) would lose every digit of a
    gap near 10⁻¹⁶ to cancellation, this form keeps them."""
    X, y, _, _ = linear_regression(n_samples=200, n_features=1, noise=0.5, seed=0)
    A = np.column_stack([X[:, 0], np.ones(len(y))])
    best = np.linalg.lstsq(A, y, rcond=None)[0]
    return np.mean(((path - best) @ A.T) ** 2, axis=1)


def line_run(batch_size, lr, steps):
    """Chapter 3's mini-batch SGD on the line, written out again: θ_0 … θ_steps."""
    X, y, _, _ = linear_regression(n_samples=200, n_features=1, noise=0.5, seed=0)
    theta, opt, path, epoch = np.array([-1.5, 1.5]), SGD(lr=lr), [np.array([-1.5, 1.5])], 0
    while len(path) <= steps:
        for X_b, y_b in minibatches(X, y, batch_size, seed=epoch):
            r = 2 * (theta[0] * X_b[:, 0] + theta[1] - y_b) / len(y_b)
            with np.errstate(over="ignore", invalid="ignore"):
                opt.step(theta, np.array([r @ X_b[:, 0], r.sum()]))
            loss = np.mean((theta[0] * X[:, 0] + theta[1] - y) ** 2)
            if not (np.isfinite(loss) and loss <= 1e6):
                return np.array(path), True
            path.append(theta.copy())
            if len(path) > steps:
                break
        epoch += 1
    return np.array(path), False


def test_every_explorer_of_the_book_is_checked():
    """Every built page is searched: an explorer added anywhere must be listed in EXPLORERS."""
    for lang in LANGS:
        root = SITE / lang
        pages = [p for p in root.rglob("*.html")
                 if not p.relative_to(root).parts[0].startswith("_")]
        assert len(pages) > 20, f"{root}: {len(pages)} pages"
        found = {(str(p.relative_to(root).with_suffix("")), i)
                 for p in pages for i in explorers(lang, str(p.relative_to(root).with_suffix("")))}
        assert found == set(EXPLORERS), found ^ set(EXPLORERS)


@pytest.mark.parametrize(("page", "element_id"), list(EXPLORERS))
@pytest.mark.parametrize("lang", LANGS)
def test_embedded_runs_equal_a_fresh_dlopt_run(lang, page, element_id):
    _, data, _ = explorers(lang, page)[element_id]
    function, methods, steps, every = EXPLORERS[page, element_id]
    assert (data["steps"], data["every"], list(data["runs"][0])) == (steps, every, list(methods))
    assert data["sliders"] == source_sliders(lang, page, element_id), "the grid the source asks for"
    names, sizes = list(data["sliders"]), [len(v) for v in data["sliders"].values()]
    count = int(np.prod(sizes))
    assert len(data["runs"]) == count
    rng = np.random.default_rng(0)
    sampled = sorted({0, count - 1, *rng.choice(count, size=SAMPLES, replace=False).tolist()})
    for index in sampled:
        positions = np.unravel_index(index, sizes)
        values = {n: data["sliders"][n][int(i)] for n, i in zip(names, positions, strict=True)}
        for method, make in methods.items():
            if function == "line":
                path, diverged = line_run(values["batch_size"], values["lr"], steps)
            else:
                run = trajectory(make(**values), function, function.start, steps)
                path, diverged = run.path, run.diverged
            keep = sorted({*range(0, len(path), every), len(path) - 1})
            stored = data["runs"][index][method]
            assert (stored["diverged"], stored["steps"]) == (diverged, len(path) - 1), values
            np.testing.assert_allclose(np.reshape(stored["path"], (-1, 2)), path[keep],
                                       atol=5.1e-5, err_msg=str(values))
            if function == "line":
                gaps = line_gaps(path[keep])
            else:
                gaps = run.losses[keep] - function.value(function.global_minimum)
            # log10 rounded to GAP_DIGITS (relative error ≤ 1.2e-3), and f − f* near the floor
            # has lost its last digits to the subtraction: a few ulp of f* (|f*| ≤ 1) absolute
            np.testing.assert_allclose(10.0 ** np.array(stored["gap"]), np.maximum(gaps, FLOOR),
                                       rtol=1.2e-3, atol=1e-15, err_msg=str(values))


@pytest.mark.parametrize("lang", LANGS)
def test_every_grid_spans_stable_and_unstable_settings(lang):
    for page, element_id in EXPLORERS:
        _, data, _ = explorers(lang, page)[element_id]
        diverged = {run[m]["diverged"] for run in data["runs"] for m in run}
        assert diverged == {True, False}, f"{element_id}: every run {diverged}"


#: Each slider's label, and a word that each of the page's phrases must contain.
WORDS = {
    "bg": ({"lr": "Скорост на учене η", "momentum": "Моментум μ",
            "batch_size": "Размер на батча |B|"},
           {"final": "стъпки", "diverged": "разходи се", "step": "стъпка", "loss": "загуба",
            "paths": "линиите на ниво"}),
    "en": ({"lr": "Learning rate η", "momentum": "Momentum μ", "batch_size": "Batch size |B|"},
           {"final": "steps", "diverged": "diverged", "step": "step", "loss": "loss",
            "paths": "contour"}),
}


@pytest.mark.parametrize("lang", LANGS)
def test_sliders_speak_the_page_language(lang):
    for page, element_id in EXPLORERS:
        html, data, words = explorers(lang, page)[element_id]
        labels = re.findall(r"<label for=\"[^\"]+\">([^<]+)</label>", html)
        assert len(labels) == len(data["sliders"]) == len(re.findall(r'type="range"', html))
        sliders, phrases = WORDS[lang]
        assert labels == [sliders[name] for name in data["sliders"]], (element_id, labels)
        for key, word in phrases.items():
            assert word in words["text"][key], (element_id, key, words["text"][key])
        for key, phrase in words["text"].items():
            cyrillic = re.search("[а-яА-Я]", phrase) is not None
            assert cyrillic == (lang == "bg" and key not in ("x", "y", "gap")), (key, phrase)
        decimal = "," if lang == "bg" else "."
        assert words["decimal"] == decimal
        for name, values in data["sliders"].items():
            for value, text in zip(values, words["labels"][name], strict=True):
                assert float(text.replace(decimal, ".")) == value
                assert ("." not in text) if lang == "bg" else ("," not in text), text
        for value in re.findall(r'aria-valuetext="([^"]+)"', html):
            assert value in sum(words["labels"].values(), [])


@pytest.mark.parametrize("lang", LANGS)
def test_each_explorer_weighs_a_few_hundred_kilobytes_at_most(lang):
    """The HTML block with its data, the script and the static picture the page also holds
    for readers without JavaScript (a browser fetches it even when it is hidden)."""
    script = (SITE / lang / "_static" / "explorer.js").stat().st_size
    weights = {}
    for page, element_id in EXPLORERS:
        html, _, _ = explorers(lang, page)[element_id]
        page_html = (SITE / lang / f"{page}.html").read_text(encoding="utf-8")
        static = re.search(rf'<figure class="[^"]*dlopt-explorer-static[^"]*" '
                           rf'id="fig-{element_id}">.*?<img [^>]*src="([^"]+)"', page_html, re.S)
        picture = (SITE / lang / page).parent / static.group(1) if static else None
        weights[element_id] = (len(html.encode("utf-8")) + script
                               + (picture.stat().st_size if picture else 0))
    statics = sum(1 for page, i in EXPLORERS if f'id="fig-{i}"' in
                  (SITE / lang / f"{page}.html").read_text(encoding="utf-8"))
    assert statics == 4, "the four explorers of the examples page have a static figure"
    print(lang, "explorer.js:", script, "bytes; block + script + static picture:", weights)
    assert all(w < MAX_BYTES for w in weights.values()), weights
    assert script < 20_000
