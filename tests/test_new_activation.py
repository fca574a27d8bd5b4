"""Adding an activation is a function, its derivative and one catalogue entry: the playground,
the index's properties table and the labs pick it up with no other change.

Shown with a throw-away activation, softsign x / (1 + |x|), registered for the test only."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from helpers import explorers, networks
from helpers.catalog import ACTIVATIONS, Activation, Param, lanes, register

ROOT = Path(__file__).resolve().parents[1]


def softsign(x, k=1.0):
    x = np.asarray(x, dtype=float)
    return x / (k + np.abs(x))


def softsign_derivative(x, k=1.0):
    x = np.asarray(x, dtype=float)
    return k / (k + np.abs(x)) ** 2


ENTRY = Activation(
    "softsign", "softsign (test)", softsign, softsign_derivative,
    r"\mathrm{softsign}", r"\mathrm{softsign}(x) = \frac{x}{k + |x|}",
    (Param("k", 0.5, 3.0, 0.1, 1.0),), "lecun1998", None, "#F0E442", ":",
)  # fmt: skip

REGISTER = (
    "from helpers.catalog import Activation, Param, register\n"
    "import numpy as np\n"
    "def softsign(x, k=1.0):\n"
    "    x = np.asarray(x, dtype=float)\n"
    "    return x / (k + np.abs(x))\n"
    "def softsign_derivative(x, k=1.0):\n"
    "    x = np.asarray(x, dtype=float)\n"
    "    return k / (k + np.abs(x)) ** 2\n"
    "_ = register(Activation('softsign', 'softsign (test)', softsign, softsign_derivative,\n"
    "    r'\\mathrm{softsign}', r'\\mathrm{softsign}(x) = \\frac{x}{k + |x|}',\n"
    "    (Param('k', 0.5, 3.0, 0.1, 1.0),), 'lecun1998', None, '#F0E442', ':'))\n"
)


@pytest.fixture
def registered():
    register(ENTRY)
    yield ENTRY
    del ACTIVATIONS[ENTRY.key]


def test_the_playground_offers_it_with_its_slider(registered):
    pg = explorers.playground("softsign", compare="relu", name="new-activation")
    options = [value for _, value in pg.controls["activation"].options]
    assert "softsign" in options
    pg.set(softsign_k=2.0)
    x = pg.live.artists[0].get_xdata()
    np.testing.assert_allclose(pg.live.artists[0].get_ydata(), softsign(x, 2.0))
    assert "softsign (test)" in pg.readout.value
    pg.close()


def test_the_labs_run_it(registered):
    (lane,) = lanes(("softsign",))
    assert (lane.label, lane.color, lane.linestyle) == ("softsign (test)", "#F0E442", ":")
    rng = np.random.default_rng(1)
    x, labels = rng.standard_normal((30, 2)), rng.integers(0, 3, size=30)
    net = networks.init_network([2, 16, 16, 3], activation="softsign", rng=1, k=2.0)
    loss, grads = networks.loss_and_gradients(net, x, labels)
    assert np.isfinite(loss)
    assert [g.shape for g in grads.weights] == [w.shape for w in net.weights]
    assert [g.shape for g in grads.biases] == [b.shape for b in net.biases]
    assert all(np.all(np.isfinite(g)) for g in [*grads.weights, *grads.biases])
    norms = networks.DeepStack(max_depth=6, max_width=16, batch=8).norms(5, 16, ["softsign"])
    assert norms["softsign"].shape == (5,) and np.all(norms["softsign"] > 0)


@pytest.mark.slow  # runs the index notebook once more
def test_the_index_tabulates_it():
    """Notebook 00 run with the entry registered right after its setup cell."""
    path = ROOT / "notebooks" / "00-index.ipynb"
    nb = nbformat.read(path, as_version=4)
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(REGISTER))
    # the index's own asserts describe the series as it is; here only the table matters
    nb.cells = [
        c for c in nb.cells if c.cell_type != "code" or "assert" not in c.source or c is nb.cells[0]
    ]
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.allow_errors = True
    client.execute()
    shown = "".join(
        str(o.get("data", {}).get("text/markdown", ""))
        + str(o.get("data", {}).get("text/html", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "softsign (test)" in shown
