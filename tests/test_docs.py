"""docs/plugins.md documents every hook in hookspecs.py with its exact signature."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from quotekit import hookspecs
from tests.conftest import ROOT

DOC = ROOT / "docs" / "plugins.md"
HEADING = re.compile(r"^### `(\w+)(\(.*\) -> .*)`$", re.M)


def spec_signatures() -> dict[str, str]:
    """Hook name -> ``(params) -> return`` as written in hookspecs.py."""
    tree = ast.parse(Path(hookspecs.__file__).read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Name) and d.id == "hookspec" for d in node.decorator_list
        ):
            assert node.returns is not None
            out[node.name] = f"({ast.unparse(node.args)}) -> {ast.unparse(node.returns)}"
    return out


def documented() -> dict[str, str]:
    return dict(HEADING.findall(DOC.read_text(encoding="utf-8")))


def test_hookspecs_are_found() -> None:
    specs = spec_signatures()
    assert set(specs) == {h for h in dir(hookspecs) if h.startswith("register_")}
    assert len(specs) >= 3


@pytest.mark.parametrize("hook", sorted(spec_signatures()))
def test_hook_is_documented_with_its_exact_signature(hook: str) -> None:
    docs = documented()
    assert hook in docs, f"{hook} is not documented in docs/plugins.md"
    assert docs[hook] == spec_signatures()[hook]


def test_docs_name_no_hook_that_does_not_exist() -> None:
    assert set(documented()) <= set(spec_signatures())
