"""book/_ext/continued_numbering.py: a later numbered toctree continues the chapter numbers."""

import sys
from pathlib import Path
from types import SimpleNamespace

from docutils import nodes
from sphinx import addnodes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
from continued_numbering import continue_numbering  # noqa: E402


def _toctree(pages, numbered=True):
    node = addnodes.toctree()
    node["entries"] = [(None, p) for p in pages]
    node["numbered"] = 999 if numbered else 0
    return node


def _env():
    root = nodes.section()
    root += _toctree(["intro"], numbered=False)
    root += _toctree(["ch1", "ch2"])
    root += _toctree(["ch3"])
    pages = ["ch1", "ch2", "ch3"]
    tocs, titles = {}, {}
    for k, page in enumerate(pages):
        ref = nodes.reference(secnumber=[1 if page == "ch3" else k + 1])
        tocs[page] = nodes.bullet_list("", nodes.list_item("", ref))
        titles[page] = nodes.title(secnumber=[1 if page == "ch3" else k + 1])
    return SimpleNamespace(
        numbered_toctrees={"index"},
        get_doctree=lambda name: root,
        toc_secnumbers={"ch1": {"": (1,)}, "ch2": {"": (2,), "#s": (2, 1)},
                        "ch3": {"": (1,), "#a": (1, 2)}},
        toc_fignumbers={"ch3": {"figure": {"fig-a": (1, 3), "fig-b": (1, 4)},
                                 "displaymath": {"eq": (1, 2)}}},
        tocs=tocs,
        titles=titles,
    )


def test_the_second_numbered_toctree_continues_after_the_first():
    env = _env()
    app = SimpleNamespace(config=SimpleNamespace(root_doc="index"))
    assert continue_numbering(app, env) == ["ch3"]
    assert env.toc_secnumbers["ch3"] == {"": (3,), "#a": (3, 2)}
    assert env.toc_secnumbers["ch2"] == {"": (2,), "#s": (2, 1)}  # the first part is untouched
    # ch1 had figures 1.1 and 1.2, so Sphinx gave the figures of ch3 the numbers 1.3 and 1.4
    assert env.toc_fignumbers["ch3"] == {"figure": {"fig-a": (3, 1), "fig-b": (3, 2)},
                                         "displaymath": {"eq": (3, 1)}}
    assert next(iter(env.tocs["ch3"].findall(nodes.reference)))["secnumber"] == [3]
    assert env.titles["ch3"]["secnumber"] == [3]


def test_a_book_without_numbered_toctrees_is_left_alone():
    env = _env()
    env.numbered_toctrees = set()
    app = SimpleNamespace(config=SimpleNamespace(root_doc="index"))
    assert continue_numbering(app, env) == []
    assert env.toc_secnumbers["ch3"][""] == (1,)
