from __future__ import annotations

import json

from click.testing import CliRunner

from quotekit.cli import cli
from tests.conftest import EXAMPLES


def test_extract_example_reads_page_metadata() -> None:
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES / "what-are-we-scaling.txt")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    [work] = doc["works"].values()
    assert work["title"] == "What are we scaling?"
    assert work["author"] == [{"family": "Patel", "given": "Dwarkesh"}]
    assert work["publisher"] == "YouTube"
