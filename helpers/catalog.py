"""The series' catalogue of activation functions: one entry per function, data only.

Each :class:`Activation` names the function, its derivative, its LaTeX symbol and formula, the
sliders of its parameters (as :class:`helpers.widgets.Param` or :class:`helpers.widgets.RangeParam`)
and the paper that introduced or popularised it (a key into :data:`REFERENCES`). The playground
(10-playground.ipynb) builds its menus from :data:`ACTIVATIONS`; a notebook may tabulate it.

Nothing here draws: the functions are those of :mod:`helpers.activations`.

Examples
--------
>>> list(ACTIVATIONS)
['sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'rrelu', 'elu']
>>> elu = ACTIVATIONS["elu"]
>>> elu.name, elu.defaults, elu.citation
('ELU', {'alpha': 1.0}, 'clevert2016')
>>> float(elu.func(-1000.0, **elu.defaults))
-1.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from helpers import activations as act
from helpers.widgets import Param, RangeParam

__all__ = ["Activation", "ACTIVATIONS", "REFERENCES", "param_settings"]


class Activation(NamedTuple):
    """One activation function of the series and what a notebook needs to show it."""

    #: short identifier, the key in :data:`ACTIVATIONS` (``"leaky_relu"``)
    key: str
    #: display name (``"leaky ReLU"``)
    name: str
    #: ``func(x, **params)`` from :mod:`helpers.activations`
    func: Callable[..., np.ndarray]
    #: ``derivative(x, **params)``
    derivative: Callable[..., np.ndarray]
    #: LaTeX symbol for axis labels, e.g. ``r"\sigma"``
    symbol: str
    #: LaTeX of the definition in one line (no cases, fits a table cell), without ``$``
    formula: str
    #: one slider spec per parameter (empty for functions without parameters)
    params: tuple[Param | RangeParam, ...]
    #: key into :data:`REFERENCES`
    citation: str
    #: the series notebook that teaches it, or None
    notebook: str | None

    @property
    def defaults(self) -> dict[str, float]:
        """The keyword parameters at the sliders' defaults (the paper's values)."""
        values: dict[str, float] = {}
        for spec in self.params:
            if isinstance(spec, RangeParam):
                values.update(zip(spec.names, map(float, spec.value), strict=True))
            else:
                values[spec.name] = float(spec.value)
        return values


def param_settings(params: tuple[Param | RangeParam, ...], n: int = 5) -> list[dict[str, float]]:
    """Keyword settings that span every slider's range (``n`` values each, defaults included).

    A range slider contributes only ordered pairs (lower <= upper), the states it can reach.

    Examples
    --------
    >>> param_settings(())
    [{}]
    >>> [s["alpha"] for s in param_settings((Param("alpha", 0.0, 2.0, 0.1, 1.0),), n=3)]
    [0.0, 1.0, 2.0]
    >>> pairs = param_settings((RangeParam(("lower", "upper"), 1.0, 3.0, 0.5, (1.0, 3.0)),), n=3)
    >>> [(s["lower"], s["upper"]) for s in pairs]
    [(1.0, 1.0), (1.0, 2.0), (1.0, 3.0), (2.0, 2.0), (2.0, 3.0), (3.0, 3.0)]
    """
    settings: list[dict[str, float]] = [{}]
    for spec in params:
        grid = [float(v) for v in spec.grid(n)]
        if isinstance(spec, RangeParam):
            low_name, high_name = spec.names
            options = [{low_name: a, high_name: b} for a in grid for b in grid if a <= b]
        else:
            options = [{spec.name: v} for v in grid]
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
}


def _entry(*fields) -> tuple[str, Activation]:
    activation = Activation(*fields)
    return activation.key, activation


#: The elementwise activations of the series, in teaching order. (Softmax acts on a whole
#: vector, so it has no entry here; its reference is ``REFERENCES["bridle1990"]``.)
ACTIVATIONS: dict[str, Activation] = dict(
    [
        _entry(
            "sigmoid",
            "sigmoid",
            act.sigmoid,
            act.sigmoid_derivative,
            r"\sigma",
            r"\sigma(x) = \frac{1}{1 + e^{-x}}",
            (),
            "rumelhart1986",
            "01-sigmoid.ipynb",
        ),
        _entry(
            "tanh",
            "tanh",
            act.tanh,
            act.tanh_derivative,
            r"\tanh",
            r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1",
            (),
            "lecun1998",
            None,
        ),
        _entry(
            "relu",
            "ReLU",
            act.relu,
            act.relu_derivative,
            r"\mathrm{ReLU}",
            r"\mathrm{ReLU}(x) = \max(0, x)",
            (),
            "nair2010",
            "02-relu.ipynb",
        ),
        _entry(
            "leaky_relu",
            "leaky ReLU",
            act.leaky_relu,
            act.leaky_relu_derivative,
            r"\mathrm{LReLU}",
            r"\mathrm{LReLU}(x) = \max(0, x) + s\,\min(0, x)",
            (Param("slope", 0.0, 0.5, 0.01, 0.01, "slope s"),),
            "maas2013",
            "03-leaky-relu.ipynb",
        ),
        _entry(
            "prelu",
            "PReLU",
            act.prelu,
            act.prelu_derivative,
            r"\mathrm{PReLU}",
            r"\mathrm{PReLU}(x) = \max(0, x) + a\,\min(0, x)",
            (Param("a", 0.0, 1.0, 0.05, 0.25, "slope a"),),
            "he2015",
            "04-prelu.ipynb",
        ),
        _entry(
            "rrelu",
            "RReLU",
            act.rrelu,
            act.rrelu_derivative,
            r"\mathrm{RReLU}",
            r"\mathrm{RReLU}(x) = \max(0, x) + \frac{2}{l + u}\,\min(0, x)",
            (RangeParam(("lower", "upper"), 1.0, 10.0, 0.5, (3.0, 8.0), "divisor range l, u"),),
            "xu2015",
            "05-rrelu.ipynb",
        ),
        _entry(
            "elu",
            "ELU",
            act.elu,
            act.elu_derivative,
            r"\mathrm{ELU}",
            r"\mathrm{ELU}(x) = \max(0, x) + \alpha\,\bigl(e^{\min(0, x)} - 1\bigr)",
            (Param("alpha", 0.0, 2.0, 0.1, 1.0, "α"),),
            "clevert2016",
            "06-elu.ipynb",
        ),
    ]
)
