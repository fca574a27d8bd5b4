"""The committed notebooks are clean: what GitHub, nbval and a learner would trip over."""

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = sorted((ROOT / "pages").glob("*.ipynb"))  # pages for a room, served by Voilà
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return nb, [c for c in nb.cells if c.cell_type == "code"]


def test_the_series_is_there():
    names = [p.name for p in NOTEBOOKS]
    assert names, "no notebooks found"
    assert all(re.fullmatch(r"\d\d[a-z]?-[a-z0-9-]+\.ipynb", n) for n in names), names


@pytest.mark.parametrize("path", NOTEBOOKS + PAGES, ids=lambda p: p.name)
def test_notebook_is_committed_executed_and_clean(path):
    nb, cells = code_cells(path)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata, "saved widget state in the metadata"
    assert nb.metadata.kernelspec.name == "python3"
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "not saved straight after Restart & Run All"
    for i, cell in enumerate(cells):
        where = f"code cell {i + 1}"
        assert "execution" not in cell.metadata, f"{where}: timing metadata"
        for out in cell.outputs:
            assert out.output_type != "error", f"{where}: stored error"
            assert out.get("name") != "stderr", f"{where}: stderr output"
            text = json.dumps(out.get("data", {}).get("text/plain", "")) + out.get("text", "")
            assert not re.search(r"at 0x[0-9a-fA-F]{6,}", text), f"{where}: a memory address"
            assert not re.search(r"/(tmp|root|home)/", text), f"{where}: a local path"
            if WIDGET_MIME in out.get("data", {}):
                tags = cell.metadata.get("tags", [])
                assert "nbval-ignore-output" in tags, f"{where}: widget cell not ignored by nbval"


@pytest.mark.parametrize("path", NOTEBOOKS + PAGES, ids=lambda p: p.name)
def test_notebook_has_one_seeded_setup_cell(path):
    _, cells = code_cells(path)
    sources = [c.source for c in cells]
    assert "helpers.use_style()" in sources[0], "the first code cell is the setup cell"
    assert not any("sys.path" in s for s in sources), "helpers is installed, not found by path"
    unseeded = [s for s in sources if re.search(r"np\.random\.(rand|randn|normal|seed)\(", s)]
    assert not unseeded, "use the seeded rng = np.random.default_rng(seed)"
    assert not any(re.search(r"default_rng\(\s*\)", s) for s in sources), "an unseeded generator"


def test_navigation_is_current(capsys):
    """``python tools/navigation.py --check`` passes (run in this process: a new Python takes
    seconds to import nbformat; tests/test_navigation.py runs it as a command)."""
    from tools import navigation

    code = navigation.main(["--check"])
    out, err = capsys.readouterr()
    assert code == 0, out + err


def test_readme_latency_table_is_the_benchmark_result():
    """The README's latency figures are the ones benchmarks/slider_latency.py last wrote."""
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- latency -->")[1].split("<!-- /latency -->")[0]
    worst, baseline = results["worst"], results["baseline"]["paced"]
    assert f"| {worst['median']} ms | {worst['p95']} ms |" in table
    assert f"| {baseline['median']} ms | {baseline['p95']} ms |" in table
    assert f"the {len(results['explorers'])} explorers" in table
    goal = results["goal_ms"]  # met or not is the benchmark's verdict (its exit code), not a test's
    met = [e for e in results["explorers"] if e["paced"]["median"] <= goal["median"]]
    met = [e for e in met if e["paced"]["p95"] <= goal["p95"]]
    assert f"Goal met by {len(met)} of the {len(results['explorers'])} explorers" in table


def test_readme_binder_badge_opens_the_index():
    """The README's badge points where the notebooks' badges do (pyproject's repository)."""
    spec = importlib.util.spec_from_file_location("navigation", ROOT / "tools" / "navigation.py")
    navigation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(navigation)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"]({navigation.binder_url('notebooks/00-index.ipynb')})" in readme
