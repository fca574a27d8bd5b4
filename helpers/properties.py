"""Properties of an activation, computed from the function itself (pure numpy).

The index notebook (00-index.ipynb) tabulates them for the whole series with
:func:`properties_table`; each property is measured on the function, not typed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Properties",
    "Table",
    "measure",
    "output_range",
    "saturation",
    "properties_table",
    "short_citation",
]

#: Far enough out to read off a limit (every function here is flat or linear by then).
FAR = 1e6
#: Near enough that a bound reached by a smooth approach is not reached yet in float64.
NEAR = 10.0


def _interval(low: float, low_closed: bool, high: float, high_closed: bool) -> str:
    def show(v: float) -> str:
        if np.isinf(v):
            return "∞" if v > 0 else "−∞"
        return f"{v + 0.0:g}".replace("-", "−")  # + 0.0: a limit of -0.0 shows as 0

    left = "[" if low_closed and np.isfinite(low) else "("
    right = "]" if high_closed and np.isfinite(high) else ")"
    return f"{left}{show(low)}, {show(high)}{right}"


def output_range(func: Callable[[np.ndarray], np.ndarray]) -> str:
    """The range of an activation as an interval: its limits, or a minimum or maximum it reaches.

    The ends are the limits of ``func`` far out (``±FAR``), unless the function dips below (or
    rises above) both of them in between, as GELU, SiLU and Mish do below zero: that end is then
    the smallest (largest) value on a fine grid of [-20, 20], refined around where it is reached,
    and the bracket is closed. A limit is closed when the function already takes that value at a
    moderate input (``±NEAR``), open when it is only approached.

    Examples
    --------
    >>> from helpers import activations as act
    >>> output_range(act.sigmoid), output_range(act.relu), output_range(act.elu)
    ('(0, 1)', '[0, ∞)', '(−1, ∞)')
    >>> output_range(act.silu), output_range(act.gelu), output_range(act.softplus)
    ('[−0.278465, ∞)', '[−0.169971, ∞)', '(0, ∞)')
    """
    low, high = (float(v) for v in func(np.array([-FAR, FAR])))
    near_low, near_high = (float(v) for v in func(np.array([-NEAR, NEAR])))
    low = -np.inf if low < -FAR / 1e3 else low
    high = np.inf if high > FAR / 1e3 else high
    low_closed, high_closed = near_low == low, near_high == high
    ends = min(low, high), max(low, high)
    grid = np.linspace(-2 * NEAR, 2 * NEAR, 40_001)
    values = func(grid)
    step = grid[1] - grid[0]
    for pick, inner in ((np.argmin, values.min() < ends[0]), (np.argmax, values.max() > ends[1])):
        if not inner:
            continue
        around = grid[pick(values)] + np.linspace(-step, step, 2001)
        extreme = float(func(around)[pick(func(around))])
        if pick is np.argmin:
            low, low_closed = extreme, True
        else:
            high, high_closed = extreme, True
    return _interval(low, low_closed, high, high_closed)


def saturation(derivative: Callable[[np.ndarray], np.ndarray]) -> str:
    """Which sides saturate: the slope is 0 from some point on (hard) or tends to 0 (soft).

    Examples
    --------
    >>> from helpers import activations as act
    >>> saturation(act.sigmoid_derivative), saturation(act.relu_derivative)
    ('both sides, soft', 'left, hard')
    >>> saturation(act.elu_derivative), saturation(act.leaky_relu_derivative)
    ('left, soft', 'no')
    """
    far = np.abs(derivative(np.array([-FAR, FAR])))
    near = np.abs(derivative(np.array([-NEAR, NEAR])))
    sides = []
    for name, f, n in (("left", far[0], near[0]), ("right", far[1], near[1])):
        if n == 0:
            sides.append((name, "hard"))
        elif f < 1e-12:
            sides.append((name, "soft"))
    if not sides:
        return "no"
    kinds = {kind for _, kind in sides}
    where = "both sides" if len(sides) == 2 else sides[0][0]
    return f"{where}, {' and '.join(sorted(kinds))}"


@dataclass(frozen=True)
class Properties:
    """What the index table shows of one activation."""

    name: str
    output_range: str
    mean_output: float
    saturates: str
    monotonic: bool
    smooth: bool
    derivative_at_0: float
    parameters: str
    paper: str


def measure(
    name: str,
    func: Callable[..., np.ndarray],
    derivative: Callable[..., np.ndarray],
    params: dict[str, float] | None = None,
    *,
    paper: str = "",
    rng: np.random.Generator | None = None,
) -> Properties:
    """Measure the properties of ``func`` at the parameters ``params``.

    - mean output for standard-normal inputs (how far from zero-centred the outputs are),
      estimated on 200,000 draws from ``rng``;
    - monotonic: the function never decreases on a fine grid of [-20, 20] (GELU, SiLU and Mish
      do, just left of their minimum: see :func:`output_range`);
    - smooth: the derivative has no jump at 0 (its one-sided limits agree to 1e-6).

    Examples
    --------
    >>> from helpers import activations as act
    >>> p = measure("ReLU", act.relu, act.relu_derivative, rng=np.random.default_rng(0))
    >>> p.output_range, p.saturates, p.monotonic, p.smooth, p.derivative_at_0
    ('[0, ∞)', 'left, hard', True, False, 1.0)
    >>> g = measure("GELU", act.gelu, act.gelu_derivative, {"approximate": "tanh"})
    >>> g.output_range, g.monotonic, g.smooth, g.parameters
    ('[−0.170041, ∞)', False, True, 'approximate = tanh')
    """
    params = params or {}
    rng = np.random.default_rng(0) if rng is None else rng

    def f(x):
        return func(x, **params)

    def d(x):
        return derivative(x, **params)

    grid = np.linspace(-20.0, 20.0, 40_001)
    eps = 1e-9
    left, right = (float(v) for v in d(np.array([-eps, eps])))
    shown = (
        ", ".join(
            f"{key} = {value}" if isinstance(value, str) else f"{key} = {value:g}"
            for key, value in params.items()
        )
        or "none"
    )
    return Properties(
        name=name,
        output_range=output_range(f),
        mean_output=float(f(rng.standard_normal(200_000)).mean()),
        saturates=saturation(d),
        monotonic=bool(np.all(np.diff(f(grid)) >= 0)),
        smooth=abs(left - right) < 1e-6,
        derivative_at_0=float(d(0.0)),
        parameters=shown,
        paper=paper,
    )


class Table:
    """A table that shows as Markdown in Jupyter and on GitHub, and as aligned text elsewhere.

    The text form is what nbval compares, so a change in any cell of the table fails the tests.

    Examples
    --------
    >>> print(repr(Table(["a", "b"], [[1, "x"], [22, "yy"]])))
    a   b
    --  --
    1   x
    22  yy
    """

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[object]]):
        self.header = [str(h) for h in header]
        self.rows = [[str(c) for c in row] for row in rows]

    def __repr__(self) -> str:
        widths = [
            max(len(row[i]) for row in [self.header, *self.rows]) for i in range(len(self.header))
        ]
        table = [self.header, ["-" * w for w in widths], *self.rows]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in table]
        return "\n".join(line.rstrip() for line in lines)

    def _repr_markdown_(self) -> str:
        lines = ["| " + " | ".join(self.header) + " |", "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self.rows]
        return "\n".join(lines)


def properties_table(measured: Sequence[Properties]) -> Table:
    """The index's table of properties, one row per activation."""

    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    header = [
        "activation",
        "range",
        "mean output, z ~ N(0,1)",
        "saturates",
        "monotonic",
        "smooth at 0",
        "f'(0)",
        "parameters",
        "paper",
    ]
    rows = [
        [
            p.name,
            p.output_range,
            f"{p.mean_output:+.3f}",
            p.saturates,
            yes(p.monotonic),
            yes(p.smooth),
            f"{p.derivative_at_0:g}",
            p.parameters,
            p.paper,
        ]
        for p in measured
    ]
    return Table(header, rows)


def short_citation(reference: str) -> str:
    """``"V. Nair, G. E. Hinton (2010). Rectified ..."`` -> ``"Nair & Hinton 2010"``.

    Examples
    --------
    >>> short_citation("V. Nair, G. E. Hinton (2010). Rectified Linear Units ...")
    'Nair & Hinton 2010'
    >>> short_citation("B. Xu, N. Wang, T. Chen, M. Li (2015). Empirical Evaluation ...")
    'Xu et al. 2015'
    """
    authors, _, rest = reference.partition("(")
    year = rest[:4]
    surnames = [name.split()[-1] for name in authors.split(",") if name.strip()]
    if len(surnames) > 2:
        return f"{surnames[0]} et al. {year}"
    return f"{' & '.join(surnames)} {year}"
