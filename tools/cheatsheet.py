"""Draw the series' one-page cheat sheet, docs/cheatsheet.pdf and docs/cheatsheet.png.

One row per activation of :data:`helpers.catalog.ACTIVATIONS`, then softmax and GLU (vector
functions, not in the catalogue): a sparkline of f (the entry's colour and line style) and f'
(dashed), f and f' written out, the range and f'(0) computed from the catalogue's function at its
defaults, and the function's name and defaults in PyTorch, Keras 3 and JAX. A4 landscape, drawn
with the series' style (:func:`helpers.plotting.use_style`).

    python tools/cheatsheet.py            # write both files
    python tools/cheatsheet.py --check    # redraw into a temporary folder; exit 1 if they differ

Both files are byte-for-byte reproducible (no date and no version in their metadata, only the
fonts that ship with matplotlib), so ``--check`` compares bytes. ``tests/test_cheatsheet.py``
runs the check and checks the layout: no text overlaps another or leaves the page.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from helpers import activations as act
from helpers import plotting
from helpers.catalog import ACTIVATIONS, REFERENCES, Activation, short_citation

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NAMES = ("cheatsheet.pdf", "cheatsheet.png")
COMMAND = ".venv/bin/python tools/cheatsheet.py"
TITLE = "Activation Functions, hands-on"

#: A4 landscape, in inches.
PAGE = (297 / 25.4, 210 / 25.4)
#: Resolution of the PNG (the PDF is vector); the layout is measured at it too.
PNG_DPI = 150
#: Metadata without dates or versions, so that the files are reproducible.
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}
PNG_METADATA = {"Software": None}

NONE = "—"

# ------------------------------------------------------------------------------ the facts

#: f' of every catalogue entry, the right-hand side only (mathtext without ``$``; a newline
#: starts a second line). At a kink, the case that contains 0 is the value the series' derivative
#: takes there (see :func:`kink_side`).
DERIVATIVES: dict[str, str] = {
    "sigmoid": r"\sigma(x)\,(1 - \sigma(x))",
    "tanh": r"1 - \tanh^2(x)",
    "relu": "1\\quad (x \\geq 0)\n0\\quad (x < 0)",
    "leaky_relu": "1\\quad (x \\geq 0)\ns\\quad (x < 0)",
    "prelu": "1\\quad (x \\geq 0)\na\\quad (x < 0)",
    "rrelu": "1\\quad (x \\geq 0)\n2\\,/\\,(l + u)\\quad (x < 0)",
    "elu": "1\\quad (x > 0)\n\\alpha\\,e^{x}\\quad (x \\leq 0)",
    "softplus": r"\sigma(\beta x)",
    "gelu": r"\Phi(x) + x\,\varphi(x)",
    "silu": r"\sigma(x)\,(1 + x\,(1 - \sigma(x)))",
    "swish": r"\sigma(\beta x)\,(1 + \beta x\,(1 - \sigma(\beta x)))",
    "mish": "\\tanh\\zeta + x\\,\\sigma(x)\\,\\mathrm{sech}^2\\zeta\n\\zeta = \\ln(1 + e^{x})",
    "selu": "\\lambda\\quad (x > 0)\n\\lambda\\alpha\\,e^{x}\\quad (x \\leq 0)",
}

#: The defaults printed under a name, filled in from the entry's defaults (``{slope}``) and
#: SELU's constants (``{lam}``, ``{alpha_selu}``). An entry with parameters and no line here gets
#: ``name = value`` for each.
PARAMETER_LINES: dict[str, str] = {
    "leaky_relu": "s = {slope:g}",
    "prelu": "a = {a:g} at the start, learned",
    "rrelu": "l = {lower:g}, u = {upper:g}; evaluation",
    "elu": "α = {alpha:g}",
    "softplus": "β = {beta:g}",
    "gelu": "approximate = '{approximate}'",
    "swish": "β = {beta:g}",
    "selu": "λ ≈ {lam:.4f}, α ≈ {alpha_selu:.4f}",
}


class Frameworks(NamedTuple):
    """One function's names and defaults in three frameworks, each a tuple of lines."""

    pytorch: tuple[str, ...]
    keras: tuple[str, ...]
    jax: tuple[str, ...]


# The frameworks' names and defaults, from their documentation ("—": not built in; PyTorch's
# in-place flags left out). The pages:
#   PyTorch  https://docs.pytorch.org/docs/stable/generated/torch.nn.<Class>.html
#   Keras 3  https://keras.io/api/layers/activations/ (keras.activations) and
#            https://keras.io/api/layers/activation_layers/ (keras.layers.LeakyReLU, PReLU)
#   JAX      https://docs.jax.dev/en/latest/_autosummary/jax.nn.<function>.html
# The comment above each entry names its pages.
FRAMEWORKS: dict[str, Frameworks] = {
    # torch.nn.Sigmoid; keras.activations.sigmoid; jax.nn.sigmoid
    "sigmoid": Frameworks(("nn.Sigmoid()",), ("keras.activations.sigmoid",), ("jax.nn.sigmoid",)),
    # torch.nn.Tanh; keras.activations.tanh; jax.nn.tanh (listed on docs.jax.dev/en/latest/jax.nn)
    "tanh": Frameworks(("nn.Tanh()",), ("keras.activations.tanh",), ("jax.nn.tanh",)),
    # torch.nn.ReLU; keras.activations.relu; jax.nn.relu (its page: the gradient at 0 is 0)
    "relu": Frameworks(
        ("nn.ReLU()",),
        ("keras.activations.relu(negative_slope=0.0, max_value=None, threshold=0.0)",),
        ("jax.nn.relu", "relu'(0) = 0"),
    ),
    # torch.nn.LeakyReLU; keras.activations.leaky_relu and keras.io/api/layers/activation_layers/
    # leaky_relu (the layer's default differs from the function's); jax.nn.leaky_relu
    "leaky_relu": Frameworks(
        ("nn.LeakyReLU(negative_slope=0.01)",),
        (
            "keras.activations.leaky_relu(negative_slope=0.2)",
            "keras.layers.LeakyReLU(negative_slope=0.3)",
        ),
        ("jax.nn.leaky_relu(negative_slope=0.01)",),
    ),
    # torch.nn.PReLU; keras.io/api/layers/activation_layers/prelu (one slope per element unless
    # shared_axes says otherwise); jax.nn has none
    "prelu": Frameworks(
        ("nn.PReLU(num_parameters=1, init=0.25)",),
        ("keras.layers.PReLU(alpha_initializer='Zeros', shared_axes=None)",),
        (NONE,),
    ),
    # torch.nn.RReLU (lower=0.125, upper=0.3333333333333333: slopes, not the paper's divisors);
    # neither keras.activations nor jax.nn has one
    "rrelu": Frameworks(("nn.RReLU(lower=1/8, upper=1/3)",), (NONE,), (NONE,)),
    # torch.nn.ELU; keras.activations.elu; jax.nn.elu
    "elu": Frameworks(
        ("nn.ELU(alpha=1.0)",), ("keras.activations.elu(alpha=1.0)",), ("jax.nn.elu(alpha=1.0)",)
    ),
    # torch.nn.Softplus (x itself where beta * x > threshold); keras.activations.softplus;
    # jax.nn.softplus
    "softplus": Frameworks(
        ("nn.Softplus(beta=1.0, threshold=20.0)",),
        ("keras.activations.softplus",),
        ("jax.nn.softplus",),
    ),
    # torch.nn.GELU; keras.activations.gelu, and keras.ops.gelu
    # (tensorflow.org/api_docs/python/tf/keras/ops/gelu); jax.nn.gelu (True: the tanh form)
    "gelu": Frameworks(
        ("nn.GELU(approximate='none')",),
        ("keras.activations.gelu(approximate=False)", "keras.ops.gelu(approximate=True)"),
        ("jax.nn.gelu(approximate=True)", "the tanh form!"),
    ),
    # torch.nn.SiLU; keras.activations.silu; jax.nn.silu
    "silu": Frameworks(("nn.SiLU()",), ("keras.activations.silu",), ("jax.nn.silu",)),
    # torch.nn.SiLU ("also known as the swish function"); keras.activations.swish and
    # jax.nn.swish are aliases of silu: none of the three takes a beta
    "swish": Frameworks(
        (NONE, "β = 1: nn.SiLU()"),
        ("keras.activations.swish", "= silu, β = 1 only"),
        ("jax.nn.swish", "= silu, β = 1 only"),
    ),
    # torch.nn.Mish; keras.activations.mish; jax.nn.mish
    "mish": Frameworks(("nn.Mish()",), ("keras.activations.mish",), ("jax.nn.mish",)),
    # torch.nn.SELU (its page: kaiming_normal_ with nonlinearity='linear'); keras.activations.selu;
    # jax.nn.selu
    "selu": Frameworks(("nn.SELU()",), ("keras.activations.selu",), ("jax.nn.selu",)),
    # torch.nn.Softmax (dim=None: pass the dim); keras.activations.softmax; jax.nn.softmax
    "softmax": Frameworks(
        ("nn.Softmax(dim=None)", "pass dim"),
        ("keras.activations.softmax(axis=-1)",),
        ("jax.nn.softmax(axis=-1)",),
    ),
    # torch.nn.GLU; keras.activations.glu (tensorflow.org/api_docs/python/tf/keras/activations/
    # glu, Keras 3); jax.nn.glu
    "glu": Frameworks(
        ("nn.GLU(dim=-1)",), ("keras.activations.glu(axis=-1)",), ("jax.nn.glu(axis=-1)",)
    ),
}

#: The module prefix each framework's column leaves out (its header names it), and shorter
#: spellings of the other Keras modules.
PREFIXES = {"pytorch": "nn.", "keras": "keras.activations.", "jax": "jax.nn."}
SHORTER = {"keras.layers.": "layers.", "keras.ops.": "ops."}

#: Softmax and GLU act on a whole vector: written out here, with their papers.
VECTOR_ROWS: tuple[dict[str, str], ...] = (
    {
        "key": "softmax",
        "name": "softmax",
        "citation": "bridle1990",
        "note": "scores → probabilities",
        "formula": r"s_i = \frac{e^{z_i}}{\Sigma_j\, e^{z_j}}",
        "derivative": r"\partial s_i / \partial z_j = s_i\,(\delta_{ij} - s_j)",
        "range": r"$(0, 1),\ \Sigma_i\, s_i = 1$",
        "shape": r"\mathbb{R}^{n} \to \mathbb{R}^{n}",
    },
    {
        "key": "glu",
        "name": "GLU",
        "citation": "dauphin2017",
        "note": "z = (a, b), halves",
        "formula": r"a \otimes \sigma(b)",
        "derivative": "\\partial_a = \\sigma(b)\n\\partial_b = a\\,\\sigma(b)\\,(1 - \\sigma(b))",
        "range": "(−∞, ∞)",
        "shape": r"\mathbb{R}^{2n} \to \mathbb{R}^{n}",
    },
)

# ------------------------------------------------------------------------- computed facts


class Bound(NamedTuple):
    """One end of a range: its value (maybe infinite) and whether the function reaches it."""

    value: float
    closed: bool


def value_range(func: Callable[..., np.ndarray], params: dict[str, Any]) -> tuple[Bound, Bound]:
    """The range of ``func(x, **params)``, measured on a wide grid (|x| <= 1000).

    A bound is infinite if the function still moves between |x| = 500 and 1000; an interior
    extreme if the grids (steps of 0.5, and of 5e-4 on [-10, 10]) find one beyond the value at
    |x| = 1000; otherwise that value, reached (closed) if the fine grid attains it and only
    approached (open) if not.

    >>> value_range(act.elu, {"alpha": 1.0})
    (Bound(value=-1.0, closed=False), Bound(value=inf, closed=False))
    >>> value_range(act.relu, {})
    (Bound(value=0.0, closed=True), Bound(value=inf, closed=False))
    """

    def f(x: np.ndarray) -> np.ndarray:
        return np.asarray(func(x, **params), dtype=float)

    far = f(np.array([-1e3, -5e2, 5e2, 1e3]))
    near = f(np.linspace(-10.0, 10.0, 40_001))  # steps of 5e-4: extremes to about 1e-7
    values = np.concatenate([f(np.linspace(-1e3, 1e3, 4_001)), near])

    def bound(limit: float, before: float, extreme: float, attained: float, sign: int) -> Bound:
        if abs(limit - before) > 1e-6:  # still moving: a linear tail
            return Bound(sign * np.inf, False)
        if sign * (extreme - limit) > 1e-9:  # beyond the limit: an interior extreme
            return Bound(float(extreme), True)
        return Bound(float(limit) + 0.0, bool(sign * (limit - attained) <= 1e-12))

    lower = bound(far[0], far[1], values.min(), near.min(), -1)
    upper = bound(far[3], far[2], values.max(), near.max(), +1)
    return lower, upper


def number(value: float, digits: int = 3) -> str:
    """A value as the sheet prints it.

    >>> [number(v) for v in (1.0, 0.25, -1.7580993, -0.169971, -np.inf, -0.0)]
    ['1', '0.25', '−1.758', '−0.170', '−∞', '0']
    """
    if np.isinf(value):
        return "∞" if value > 0 else "−∞"
    if abs(value - round(value)) < 5e-10:
        text = str(round(value))
    elif abs(round(value, digits) - value) < 5e-10:
        text = f"{value:.{digits}f}".rstrip("0")
    else:
        text = f"{value:.{digits}f}"
    return text.replace("-", "−")


def range_text(lower: Bound, upper: Bound) -> str:
    """An interval in the usual brackets: ``(0, 1)``, ``[0, ∞)``, ``[−0.170, ∞)``."""
    return (
        f"{'[' if lower.closed else '('}{number(lower.value)}, "
        f"{number(upper.value)}{']' if upper.closed else ')'}"
    )


def slope_at(entry: Activation, x: float) -> float:
    """The series' derivative of ``entry`` at ``x``, at the entry's defaults."""
    return float(np.asarray(entry.derivative(x, **entry.defaults)))


def slope_at_zero(entry: Activation) -> float:
    """f'(0) as the series computes it: ``entry.derivative(0.0, **entry.defaults)``."""
    return slope_at(entry, 0.0)


def kink_side(entry: Activation) -> str | None:
    """Where f' jumps at 0, the side (``"right"``, ``"left"``) whose slope f'(0) is; else None."""
    left, right = slope_at(entry, -1e-9), slope_at(entry, 1e-9)
    if abs(left - right) <= 1e-6:
        return None
    return "right" if abs(slope_at_zero(entry) - right) <= 1e-6 else "left"


def parameter_line(entry: Activation) -> str:
    """The defaults, as printed under the name (empty for a function without parameters)."""
    values = entry.defaults | {"lam": act.SELU_SCALE, "alpha_selu": act.SELU_ALPHA}
    if entry.key in PARAMETER_LINES:
        return PARAMETER_LINES[entry.key].format(**values)
    return ", ".join(f"{name} = {value:g}" for name, value in entry.defaults.items())


def right_hand_side(formula: str) -> str:
    r"""A catalogue formula without its left-hand side (the row names the function).

    >>> right_hand_side(r"\mathrm{ReLU}(x) = \max(0, x)")
    '\\max(0, x)'
    """
    _, equals, rhs = formula.partition(" = ")
    return rhs if equals else formula


def mathtext(latex: str) -> str:
    """LaTeX, one ``$...$`` per line, in what matplotlib's mathtext knows: no ``\\bigl`` or
    ``\\bigr``, and display-size fractions (``\\dfrac``) so that they stay readable."""
    latex = latex.replace(r"\bigl", "").replace(r"\bigr", "").replace(r"\frac", r"\dfrac")
    return "\n".join(f"${line}$" for line in latex.split("\n"))


def display(call: str, framework: str) -> str:
    """A framework's call without the module prefix that its column's header names."""
    for long, short in SHORTER.items():
        if call.startswith(long):
            return short + call[len(long) :]
    prefix = PREFIXES[framework]
    return call[len(prefix) :] if call.startswith(prefix) else call


def wrap_call(call: str, width: int) -> list[str]:
    """Break a call after its commas so that no line is longer than ``width`` (if it can).

    >>> wrap_call("Softplus(beta=1.0, threshold=20.0)", 24)
    ['Softplus(beta=1.0,', '  threshold=20.0)']
    >>> wrap_call("leaky_relu(negative_slope=0.2)", 24)
    ['leaky_relu(', '  negative_slope=0.2)']
    """
    if len(call) <= width or "(" not in call:
        return [call]
    head, _, rest = call.partition("(")
    args = rest.split(", ")
    lines = [f"{head}("]
    for i, arg in enumerate(args):
        piece = arg + ("," if i < len(args) - 1 else "")
        joined = lines[-1] + ("" if lines[-1].endswith("(") else " ") + piece
        if len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(f"  {piece}")
    return lines


class Row(NamedTuple):
    """One line of the sheet (``entry`` is None for softmax and GLU)."""

    key: str
    name: str
    citation: str
    parameters: str
    formula: str
    derivative: str
    range: str
    slope: str
    frameworks: Frameworks
    entry: Activation | None
    shape: str = ""


def rows() -> list[Row]:
    """The sheet's rows: the catalogue in its order, then softmax and GLU.

    Raises ``KeyError`` for a catalogue entry that has no derivative or framework line here.
    """
    out = []
    for key, entry in ACTIVATIONS.items():
        tables = {"DERIVATIVES": DERIVATIVES, "FRAMEWORKS": FRAMEWORKS}
        missing = [name for name, table in tables.items() if key not in table]
        if missing:
            raise KeyError(f"tools/cheatsheet.py has no {' and no '.join(missing)} for {key!r}")
        out.append(
            Row(
                key=key,
                name=entry.name,
                citation=short_citation(REFERENCES[entry.citation]),
                parameters=parameter_line(entry),
                formula=right_hand_side(entry.formula),
                derivative=DERIVATIVES[key],
                range=range_text(*value_range(entry.func, entry.defaults)),
                slope=number(slope_at_zero(entry)) + ("*" if kink_side(entry) else ""),
                frameworks=FRAMEWORKS[key],
                entry=entry,
            )
        )
    for spec in VECTOR_ROWS:
        out.append(
            Row(
                key=spec["key"],
                name=spec["name"],
                citation=short_citation(REFERENCES[spec["citation"]]),
                parameters=spec["note"],
                formula=spec["formula"],
                derivative=spec["derivative"],
                range=spec["range"],
                slope=NONE,
                frameworks=FRAMEWORKS[spec["key"]],
                entry=None,
                shape=spec["shape"],
            )
        )
    return out


def footnotes() -> list[str]:
    """The notes under the table: f'(0) at a kink (from the catalogue) and the sources."""
    sides: dict[str, list[str]] = {"right": [], "left": []}
    for entry in ACTIVATIONS.values():
        side = kink_side(entry)
        if side:
            sides[side].append(entry.name)
    taken = " and ".join(
        f"the {side}-hand slope ({', '.join(names)})" for side, names in sides.items() if names
    )
    return [
        f"* f′ jumps at 0, so f′(0) is a convention: this series takes {taken}; PyTorch's "
        "autograd gives ReLU′(0) = 0 and LeakyReLU′(0) = s (notebooks 02, 03), and JAX documents "
        "relu′(0) = 0.",
        "Names and defaults from the frameworks' documentation (docs.pytorch.org, keras.io, "
        "docs.jax.dev); in-place flags left out; — : not built in. No framework has a swish with "
        "β ≠ 1: write x·σ(βx). Sparklines: f in the function's colour and line style, f′ dashed, "
        "x from −6 to 6.",
    ]


# ------------------------------------------------------------------------------- drawing

FONT = {"name": 9.0, "small": 6.6, "math": 8.0, "code": 6.5, "head": 8.5, "title": 15.0}
GREY = "0.35"
CODE_WIDTH = 25  # characters per line in a framework cell
MARGIN = 0.35  # inches, left and right
GAP = 0.1  # least space between two columns, inches
TOP = 1.0  # inches from the top edge to the first row
BOTTOM = 1.02  # inches kept below the last row for the notes and the footer
SPARK = (0.55, 0.3)  # sparkline width and height, inches
COLUMNS = ("name", "formula", "derivative", "range", "slope", "pytorch", "keras", "jax")
HEADS = {
    "name": ("activation", "paper · defaults"),
    "formula": ("f(x)", ""),
    "derivative": ("f′(x)", ""),
    "range": ("range", ""),
    "slope": ("f′(0)", ""),
    "pytorch": ("PyTorch", "torch.nn."),
    "keras": ("Keras 3", "keras.activations."),
    "jax": ("JAX", "jax.nn."),
}


@contextmanager
def sheet_style() -> Iterator[None]:
    """The series' style for the sheet, global state restored afterwards.

    Never lecture mode (the sheet is printed, and must not depend on the environment) and no
    constrained layout (the sheet is laid out by hand, in inches).
    """
    lecture = os.environ.pop("LECTURE_MODE", None)
    try:
        with matplotlib.rc_context():
            plotting.use_style()
            matplotlib.rcParams["figure.constrained_layout.use"] = False
            yield
    finally:
        if lecture is not None:
            os.environ["LECTURE_MODE"] = lecture


def draw() -> Figure:
    """The cheat sheet as a figure on an Agg canvas (call it inside :func:`sheet_style`)."""
    width, height = PAGE
    fig = Figure(figsize=PAGE, dpi=PNG_DPI, layout="none")
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    table = rows()
    row_height = (height - TOP - BOTTOM) / len(table)
    centres = [TOP + (i + 0.5) * row_height for i in range(len(table))]

    def put(x: float, y: float, text: str, **kw: Any) -> Text:
        """Text at (x, y) inches from the page's top-left corner."""
        return fig.text(x / width, 1 - y / height, text, **kw)

    def span(t: Text) -> float:
        return t.get_window_extent(renderer).width / fig.dpi

    put(
        MARGIN,
        0.5,
        "Activation functions: the cheat sheet",
        fontsize=FONT["title"],
        fontweight="bold",
        va="baseline",
    )
    put(
        width - MARGIN,
        0.5,
        "range and f′(0) computed from helpers.catalog at the defaults",
        fontsize=FONT["small"] + 0.6,
        color=GREY,
        ha="right",
        va="baseline",
    )

    # Every cell at x = 0 first; the columns move into place once their widths are known.
    cells: dict[str, list[Text]] = {key: [] for key in COLUMNS}
    math = {"fontsize": FONT["math"], "va": "center", "linespacing": 1.4}
    for row, yc in zip(table, centres, strict=True):
        cells["name"].append(
            put(0, yc - 0.115, row.name, fontsize=FONT["name"], fontweight="bold", va="center")
        )
        below = row.citation + (f"\n{row.parameters}" if row.parameters else "")
        cells["name"].append(
            put(0, yc - 0.045, below, fontsize=FONT["small"], color=GREY, va="top", linespacing=1.2)
        )
        cells["formula"].append(put(0, yc, mathtext(row.formula), **math))
        cells["derivative"].append(put(0, yc, mathtext(row.derivative), **math))
        cells["range"].append(put(0, yc, row.range, **math))
        cells["slope"].append(put(0, yc, row.slope, **math))
        for framework in ("pytorch", "keras", "jax"):
            lines = [
                line
                for call in getattr(row.frameworks, framework)
                for line in wrap_call(display(call, framework), CODE_WIDTH)
            ]
            cells[framework].append(
                put(
                    0,
                    yc,
                    "\n".join(lines),
                    fontsize=FONT["code"],
                    family="monospace",
                    va="center",
                    linespacing=1.15,
                )
            )
    heads: dict[str, list[Text]] = {}
    for key, (title, module) in HEADS.items():
        heads[key] = [
            put(0, TOP - 0.2, title, fontsize=FONT["head"], fontweight="bold", va="baseline")
        ]
        if module:
            heads[key].append(
                put(
                    0,
                    TOP - 0.06,
                    module,
                    fontsize=FONT["small"],
                    color=GREY,
                    family="monospace" if key in PREFIXES else None,
                    va="baseline",
                )
            )

    # Each column as wide as its widest cell; the width to spare goes into the gaps.
    spark = SPARK[0] + 0.1  # the sparkline sits left of the name
    natural = {key: max(span(t) for t in cells[key] + heads[key]) for key in COLUMNS}
    natural["name"] += spark
    spare = width - 2 * MARGIN - sum(natural.values()) - GAP * (len(COLUMNS) - 1)
    gap = GAP + max(spare, 0.0) / (len(COLUMNS) - 1)
    lefts, x = {}, MARGIN
    for key in COLUMNS:
        lefts[key] = x
        text_left = x + (spark if key == "name" else 0.0)
        for t in cells[key] + heads[key]:
            t.set_x(text_left / width)
        x += natural[key] + gap

    # Zebra bands and rules behind the text; a rule sets softmax and GLU apart.
    inner = 1 - 2 * MARGIN / width
    for i in range(0, len(table), 2):
        y = TOP + (i + 1) * row_height
        fig.add_artist(
            Rectangle(
                (MARGIN / width, 1 - y / height),
                inner,
                row_height / height,
                facecolor="0.94",
                edgecolor="none",
                zorder=-2,
            )
        )
    for i, linewidth in ((0, 0.9), (len(ACTIVATIONS), 0.6), (len(table), 0.9)):
        y = 1 - (TOP + i * row_height) / height
        fig.add_artist(
            Line2D(
                [MARGIN / width, 1 - MARGIN / width],
                [y, y],
                color="0.3",
                linewidth=linewidth,
                zorder=-1,
            )
        )

    # Sparklines: f in the entry's colour and line style, f' dashed and lighter.
    x_grid = plotting.x_grid(241)
    for row, yc in zip(table, centres, strict=True):
        ax = fig.add_axes(
            (
                lefts["name"] / width,
                1 - (yc + SPARK[1] / 2) / height,
                SPARK[0] / width,
                SPARK[1] / height,
            )
        )
        ax.set(xticks=[], yticks=[])
        ax.set_axis_off()
        if row.entry is None:
            ax.text(
                0.5,
                0.5,
                f"${row.shape}$",
                fontsize=FONT["math"] - 0.5,
                color=GREY,
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
            continue
        entry = row.entry
        f = entry.func(x_grid, **entry.defaults)
        d = entry.derivative(x_grid, **entry.defaults)
        ax.axhline(0.0, color="0.6", linewidth=0.5)  # the series' thin grey axes
        ax.axvline(0.0, color="0.6", linewidth=0.5)
        ax.plot(x_grid, d, color=entry.color, linestyle="--", linewidth=0.8, alpha=0.6)
        ax.plot(x_grid, f, color=entry.color, linestyle=entry.linestyle, linewidth=1.5)
        low, high = min(f.min(), d.min(), 0.0), max(f.max(), d.max())
        pad = 0.08 * (high - low)
        ax.set(xlim=plotting.X_RANGE, ylim=(low - pad, high + pad))

    # The notes, the series' title and how to redraw the sheet.
    y = TOP + len(table) * row_height + 0.2
    for note in footnotes():
        for line in textwrap.wrap(note, 205):
            put(MARGIN, y, line, fontsize=FONT["small"], color=GREY, va="baseline")
            y += 0.13
    put(MARGIN, height - 0.22, TITLE, fontsize=FONT["head"], fontweight="bold", va="baseline")
    put(
        width - MARGIN,
        height - 0.22,
        f"regenerate: {COMMAND}",
        fontsize=FONT["code"] + 0.5,
        family="monospace",
        ha="right",
        va="baseline",
    )
    return fig


def save(fig: Figure, folder: Path) -> list[Path]:
    """Save the sheet as PDF and PNG into ``folder``; returns the two paths."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf, png = (folder / name for name in NAMES)
    # fontTools warns that matplotlib's reproducible font subsets carry a zero timestamp
    font_log = logging.getLogger("fontTools")
    level = font_log.level
    font_log.setLevel(logging.ERROR)
    try:
        # the PNG first: it reuses the formulas that the layout parsed at its resolution
        fig.savefig(png, dpi=PNG_DPI, metadata=PNG_METADATA)
        fig.savefig(pdf, metadata=PDF_METADATA)
    finally:
        font_log.setLevel(level)
    return [pdf, png]


def write(folder: Path) -> list[Path]:
    """Draw the sheet and save it into ``folder``."""
    with sheet_style():
        return save(draw(), folder)


def differences(folder: Path, reference: Path = DOCS) -> list[str]:
    """The sheet's files in ``folder`` that are missing from ``reference`` or differ from it."""
    return [
        name
        for name in NAMES
        if not (reference / name).is_file()
        or (folder / name).read_bytes() != (reference / name).read_bytes()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="redraw into a temporary folder and compare"
    )
    args = parser.parse_args(argv)
    if not args.check:
        for path in write(DOCS):
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp))
        stale = differences(Path(tmp))
    if stale:
        print(f"out of date: {', '.join('docs/' + name for name in stale)}; run {COMMAND}")
        return 1
    print("docs/cheatsheet.pdf and docs/cheatsheet.png are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
