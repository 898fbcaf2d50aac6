"""The browser tests' tools fail with one line that names what to install (tests/headless.py)."""

from __future__ import annotations

import re

import headless
import pytest


def test_a_missing_chromium_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(headless.shutil, "which", lambda name: None)
    with pytest.raises(headless.Missing, match=r"^chromium is missing: sudo apt-get install "
                                                r"chromium \(`make system-packages` does it\)$"):
        headless.chromium()


def test_a_missing_axe_core_names_the_make_target_and_the_pinned_version(tmp_path):
    version = headless.axe_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    with pytest.raises(headless.Missing, match=rf"^axe-core {version} is missing: make axe-core"):
        headless.axe_script(tmp_path)


def test_axe_core_is_found_where_the_makefile_installs_it(tmp_path):
    folder = tmp_path / "_build" / "node" / f"axe-core-{headless.axe_version()}"
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    script.parent.mkdir(parents=True)
    script.write_text("/* axe */", encoding="utf-8")
    assert headless.axe_script(tmp_path) == "/* axe */"


def test_a_theme_must_be_light_or_dark():
    with pytest.raises(ValueError, match=r"theme must be one of \('light', 'dark'\), got 'sepia'"):
        headless.check_theme("sepia")
