"""The series' catalogue of activation functions: each one named once, data only.

An :class:`Activation` holds what the series needs to show one function: function and derivative
(:mod:`helpers.activations`), name, LaTeX symbol and formula, colour and line style, controls
(:class:`Param`, :class:`RangeParam`, :class:`Menu`) and paper. Everything that lists activations
reads :data:`ACTIVATIONS` (00's overlay and table, the playground, the labs' networks), so adding
one is a function and its derivative plus one :func:`register` call. Data only: no widgets, no
pyplot.

>>> list(ACTIVATIONS)  # doctest: +NORMALIZE_WHITESPACE
['sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'rrelu', 'elu',
 'softplus', 'gelu', 'silu', 'swish', 'mish', 'selu']
>>> elu = ACTIVATIONS["elu"]
>>> elu.name, elu.defaults, elu.citation, elu.color
('ELU', {'alpha': 1.0}, 'clevert2016', '#000000')
>>> [lane.label for lane in lanes(("relu", "prelu"))]
['ReLU', 'PReLU shared', 'PReLU channel-wise']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from helpers import activations as act


class Param(NamedTuple):
    """A slider: the keyword it sets, range, step, default, label and ``kind``: ``"float"``,
    ``"int"`` or ``"log"`` (moves on a log scale; ``step`` is then one of the base-10 exponent)."""

    name: str
    min: float
    max: float
    step: float
    value: float
    label: str | None = None
    kind: str = "float"

    def grid(self, n: int = 5) -> np.ndarray:
        """``n`` values across the slider's range, its default included."""
        if self.kind == "log":
            values = np.geomspace(self.min, self.max, n)
        else:
            values = np.linspace(self.min, self.max, n)
        return np.unique(np.append(values, self.value))


class RangeParam(NamedTuple):
    """A range slider: two keywords that can never cross (e.g. RReLU's ``lower`` <= ``upper``)."""

    names: tuple[str, str]
    min: float
    max: float
    step: float
    value: tuple[float, float]
    label: str | None = None

    def grid(self, n: int = 5) -> np.ndarray:
        """``n`` values across the slider's range, both defaults included."""
        return np.unique(np.append(np.linspace(self.min, self.max, n), self.value))


class Menu(NamedTuple):
    """A drop-down menu: the keyword it sets, its ``(label, value)`` options and its default."""

    name: str
    options: tuple[tuple[str, Any], ...]
    value: Any
    label: str | None = None

    def grid(self, n: int = 5) -> list[Any]:
        """Every option's value (a menu has no range to sample)."""
        return [value for _, value in self.options]


Spec = Param | RangeParam | Menu


class Lane(NamedTuple):
    """One activation as the labs run it (PReLU has two: a slope per layer or per unit)."""

    label: str
    key: str
    options: dict[str, Any]
    color: str
    linestyle: str


class Activation(NamedTuple):
    """One activation function of the series and what a notebook needs to show it."""

    #: short identifier, the key in :data:`ACTIVATIONS` (``"leaky_relu"``)
    key: str
    #: display name and label in legends (``"leaky ReLU"``)
    name: str
    #: ``func(x, **params)`` from :mod:`helpers.activations`
    func: Callable[..., np.ndarray]
    #: ``derivative(x, **params)``
    derivative: Callable[..., np.ndarray]
    #: LaTeX symbol for axis labels, e.g. ``r"\sigma"``
    symbol: str
    #: LaTeX of the definition in one line (no cases, fits a table cell), without ``$``
    formula: str
    #: one control spec per parameter (empty for functions without parameters)
    params: tuple[Spec, ...]
    #: key into :data:`REFERENCES`
    citation: str
    #: the series notebook that teaches it, or None
    notebook: str | None
    #: line colour (Okabe-Ito) and line style, the same in every figure of the series
    color: str
    linestyle: str = "-"
    #: the parameter a network learns by gradient descent (PReLU's ``"a"``), or None, and the
    #: derivative of the function with respect to it, ``learned_derivative(x, **params)``
    learned: str | None = None
    learned_derivative: Callable[..., np.ndarray] | None = None
    #: in training, draw per-element parameters ``sample(shape, rng, **params) -> kwargs`` for
    #: ``train_as`` (RReLU: random slopes for PReLU); in evaluation ``func`` is used
    sample: Callable[..., dict[str, np.ndarray]] | None = None
    train_as: str | None = None
    #: extra lanes of the labs as ``(label suffix, options, linestyle)``; default: one lane
    variants: tuple[tuple[str, dict[str, Any], str], ...] = ()

    @property
    def defaults(self) -> dict[str, Any]:
        """The keyword parameters at the controls' defaults (the paper's values)."""
        values: dict[str, Any] = {}
        for spec in self.params:
            if isinstance(spec, RangeParam):
                values.update(zip(spec.names, map(float, spec.value), strict=True))
            elif isinstance(spec, Menu):
                values[spec.name] = spec.value
            else:
                values[spec.name] = float(spec.value)
        return values

    def lanes(self) -> list[Lane]:
        """How the labs run this activation (:class:`Lane`), in order."""
        if not self.variants:
            return [Lane(self.name, self.key, {}, self.color, self.linestyle)]
        return [
            Lane(f"{self.name} {suffix}", self.key, dict(options), self.color, style)
            for suffix, options, style in self.variants
        ]


def param_settings(params: tuple[Spec, ...], n: int = 5) -> list[dict[str, Any]]:
    """Keyword settings that span every control's range (``n`` values each, defaults included);
    a range slider gives only the ordered pairs it can reach, a menu each of its options.

    >>> param_settings(())
    [{}]
    >>> [s["alpha"] for s in param_settings((Param("alpha", 0.0, 2.0, 0.1, 1.0),), n=3)]
    [0.0, 1.0, 2.0]
    >>> pairs = param_settings((RangeParam(("lower", "upper"), 1.0, 3.0, 0.5, (1.0, 3.0)),), n=3)
    >>> [(s["lower"], s["upper"]) for s in pairs]
    [(1.0, 1.0), (1.0, 2.0), (1.0, 3.0), (2.0, 2.0), (2.0, 3.0), (3.0, 3.0)]
    """
    settings: list[dict[str, Any]] = [{}]
    for spec in params:
        if isinstance(spec, Menu):
            options = [{spec.name: v} for v in spec.grid()]
        elif isinstance(spec, RangeParam):
            grid = [float(v) for v in spec.grid(n)]
            low_name, high_name = spec.names
            options = [{low_name: a, high_name: b} for a in grid for b in grid if a <= b]
        else:
            options = [{spec.name: float(v)} for v in spec.grid(n)]
        settings = [s | o for s in settings for o in options]
    return settings


#: The papers behind the functions, by citation key.
REFERENCES: dict[str, str] = {
    "rumelhart1986": (
        "D. E. Rumelhart, G. E. Hinton, R. J. Williams (1986). Learning representations by "
        "back-propagating errors. Nature 323, 533-536."
    ),
    "lecun1998": (
        "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller (1998). Efficient BackProp. In Neural "
        "Networks: Tricks of the Trade, Springer."
    ),
    "nair2010": (
        "V. Nair, G. E. Hinton (2010). Rectified Linear Units Improve Restricted Boltzmann "
        "Machines. ICML."
    ),
    "maas2013": (
        "A. L. Maas, A. Y. Hannun, A. Y. Ng (2013). Rectifier Nonlinearities Improve Neural "
        "Network Acoustic Models. ICML Workshop on Deep Learning for Audio, Speech and Language."
    ),
    "he2015": (
        "K. He, X. Zhang, S. Ren, J. Sun (2015). Delving Deep into Rectifiers: Surpassing "
        "Human-Level Performance on ImageNet Classification. ICCV."
    ),
    "xu2015": (
        "B. Xu, N. Wang, T. Chen, M. Li (2015). Empirical Evaluation of Rectified Activations "
        "in Convolutional Network. arXiv:1505.00853."
    ),
    "clevert2016": (
        "D.-A. Clevert, T. Unterthiner, S. Hochreiter (2016). Fast and Accurate Deep Network "
        "Learning by Exponential Linear Units (ELUs). ICLR."
    ),
    "bridle1990": (
        "J. S. Bridle (1990). Probabilistic Interpretation of Feedforward Classification Network "
        "Outputs, with Relationships to Statistical Pattern Recognition. Neurocomputing, "
        "NATO ASI Series F 68, Springer."
    ),
    "hinton2015": (
        "G. Hinton, O. Vinyals, J. Dean (2015). Distilling the Knowledge in a Neural Network. "
        "arXiv:1503.02531."
    ),
    "dugas2001": (
        "C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia (2001). Incorporating "
        "Second-Order Functional Knowledge for Better Option Pricing. NIPS 13."
    ),
    "hendrycks2016": (
        "D. Hendrycks, K. Gimpel (2016). Gaussian Error Linear Units (GELUs). arXiv:1606.08415."
    ),
    "elfwing2018": (
        "S. Elfwing, E. Uchibe, K. Doya (2018). Sigmoid-Weighted Linear Units for Neural Network "
        "Function Approximation in Reinforcement Learning. Neural Networks 107, 3-11."
    ),
    "ramachandran2017": (
        "P. Ramachandran, B. Zoph, Q. V. Le (2017). Searching for Activation Functions. "
        "arXiv:1710.05941."
    ),
    "misra2019": (
        "D. Misra (2019). Mish: A Self Regularized Non-Monotonic Neural Activation Function. "
        "arXiv:1908.08681 (BMVC 2020)."
    ),
    "klambauer2017": (
        "G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter (2017). Self-Normalizing Neural "
        "Networks. NeurIPS."
    ),
    "dauphin2017": (
        "Y. N. Dauphin, A. Fan, M. Auli, D. Grangier (2017). Language Modeling with Gated "
        "Convolutional Networks. ICML."
    ),
    "shazeer2020": ("N. Shazeer (2020). GLU Variants Improve Transformer. arXiv:2002.05202."),
}


def short_citation(reference: str) -> str:
    """``"V. Nair, G. E. Hinton (2010). Rectified ..."`` -> ``"Nair & Hinton 2010"`` (00, 10).

    >>> short_citation(REFERENCES["xu2015"])
    'Xu et al. 2015'
    """
    authors, _, rest = reference.partition("(")
    surnames = [name.split()[-1] for name in authors.split(",") if name.strip()]
    who = f"{surnames[0]} et al." if len(surnames) > 2 else " & ".join(surnames)
    return f"{who} {rest[:4]}"


def _rrelu_training_slopes(
    shape: tuple[int, ...], rng: np.random.Generator, lower: float = 3.0, upper: float = 8.0
) -> dict[str, np.ndarray]:
    """RReLU in training: a PReLU with slope ``1/a``, ``a ~ U(lower, upper)``, drawn per element."""
    return {"a": 1.0 / act.rrelu_slopes(shape, lower, upper, rng)}


#: The elementwise activations of the series, in teaching order. (Softmax and GLU act on a whole
#: vector, so they have no entry here; their references are ``REFERENCES["bridle1990"]`` and
#: ``REFERENCES["dauphin2017"]``.)
ACTIVATIONS: dict[str, Activation] = {}


def register(activation: Activation) -> Activation:
    """Add ``activation`` to :data:`ACTIVATIONS` (replacing one with the same key); return it."""
    ACTIVATIONS[activation.key] = activation
    return activation


register(Activation(
    "sigmoid", "sigmoid", act.sigmoid, act.sigmoid_derivative,
    r"\sigma", r"\sigma(x) = \frac{1}{1 + e^{-x}}", (),
    "rumelhart1986", "01-sigmoid.ipynb", "#0072B2", "-",
))  # fmt: skip
register(Activation(
    "tanh", "tanh", act.tanh, act.tanh_derivative,
    r"\tanh", r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1", (),
    "lecun1998", None, "#56B4E9", "--",
))  # fmt: skip
register(Activation(
    "relu", "ReLU", act.relu, act.relu_derivative,
    r"\mathrm{ReLU}", r"\mathrm{ReLU}(x) = \max(0, x)", (),
    "nair2010", "02-relu.ipynb", "#D55E00", "-",
))  # fmt: skip
register(Activation(
    "leaky_relu", "leaky ReLU", act.leaky_relu, act.leaky_relu_derivative,
    r"\mathrm{LReLU}", r"\mathrm{LReLU}(x) = \max(0, x) + s\,\min(0, x)",
    (Param("slope", 0.0, 0.5, 0.01, 0.01, "slope s"),),
    "maas2013", "03-leaky-relu.ipynb", "#E69F00", "--",
))  # fmt: skip
register(Activation(
    "prelu", "PReLU", act.prelu, act.prelu_derivative,
    r"\mathrm{PReLU}", r"\mathrm{PReLU}(x) = \max(0, x) + a\,\min(0, x)",
    (Param("a", 0.0, 1.0, 0.05, 0.25, "slope a"),),
    "he2015", "04-prelu.ipynb", "#009E73", "-",
    learned="a", learned_derivative=act.prelu_derivative_a,
    variants=(
        ("shared", {"sharing": "shared"}, "-"), ("channel-wise", {"sharing": "channel"}, "-."),
    ),
))  # fmt: skip
register(Activation(
    "rrelu", "RReLU", act.rrelu, act.rrelu_derivative,
    r"\mathrm{RReLU}", r"\mathrm{RReLU}(x) = \max(0, x) + \frac{2}{l + u}\,\min(0, x)",
    (RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (3.0, 8.0), "divisor range l, u"),),
    "xu2015", "05-rrelu.ipynb", "#CC79A7", "-.",
    sample=_rrelu_training_slopes, train_as="prelu",
))  # fmt: skip
register(Activation(
    "elu", "ELU", act.elu, act.elu_derivative,
    r"\mathrm{ELU}", r"\mathrm{ELU}(x) = \max(0, x) + \alpha\,\bigl(e^{\min(0, x)} - 1\bigr)",
    (Param("alpha", 0.0, 2.0, 0.1, 1.0, "α"),),
    "clevert2016", "06-elu.ipynb", "#000000", "-",
))  # fmt: skip

# The smooth and gated activations of 11-smooth-and-gated.ipynb. Thirteen entries share eight
# colours: an entry that reuses a colour has a line style no other entry of that colour has.
register(Activation(
    "softplus", "softplus", act.softplus, act.softplus_derivative,
    r"\mathrm{softplus}", r"\mathrm{softplus}(x) = \frac{1}{\beta}\ln\bigl(1 + e^{\beta x}\bigr)",
    (Param("beta", 0.1, 10.0, 0.05, 1.0, "β", "log"),),
    "dugas2001", "11-smooth-and-gated.ipynb", "#56B4E9", "-.",
))  # fmt: skip
register(Activation(
    "gelu", "GELU", act.gelu, act.gelu_derivative,
    r"\mathrm{GELU}", r"\mathrm{GELU}(x) = x\,\Phi(x)",
    (Menu("approximate", (("exact", "none"), ("tanh", "tanh")), "none", "form"),),
    "hendrycks2016", "11-smooth-and-gated.ipynb", "#0072B2", "--",
))  # fmt: skip
register(Activation(
    "silu", "SiLU", act.silu, act.silu_derivative,
    r"\mathrm{SiLU}", r"\mathrm{SiLU}(x) = x\,\sigma(x)", (),
    "elfwing2018", "11-smooth-and-gated.ipynb", "#009E73", "--",
))  # fmt: skip
register(Activation(
    "swish", "swish", act.swish, act.swish_derivative,
    r"\mathrm{swish}", r"\mathrm{swish}(x) = x\,\sigma(\beta x)",
    (Param("beta", 0.0, 10.0, 0.1, 1.0, "β"),),
    "ramachandran2017", "11-smooth-and-gated.ipynb", "#009E73", ":",
))  # fmt: skip
register(Activation(
    "mish", "Mish", act.mish, act.mish_derivative,
    r"\mathrm{Mish}", r"\mathrm{Mish}(x) = x\,\tanh\bigl(\ln(1 + e^{x})\bigr)", (),
    "misra2019", "11-smooth-and-gated.ipynb", "#CC79A7", "--",
))  # fmt: skip
register(Activation(
    "selu", "SELU", act.selu, act.selu_derivative,
    r"\mathrm{SELU}",
    r"\mathrm{SELU}(x) = \lambda\bigl(\max(0, x) + \alpha\,(e^{\min(0, x)} - 1)\bigr)", (),
    "klambauer2017", "11-smooth-and-gated.ipynb", "#000000", "--",
))  # fmt: skip


def lanes(keys: tuple[str, ...] | None = None) -> list[Lane]:
    """The labs' lanes of the given activations (default: all of :data:`ACTIVATIONS`)."""
    keys = tuple(ACTIVATIONS) if keys is None else keys
    unknown = [k for k in keys if k not in ACTIVATIONS]
    if unknown:
        raise KeyError(f"unknown activation {unknown}; have {list(ACTIVATIONS)}")
    return [lane for key in keys for lane in ACTIVATIONS[key].lanes()]
