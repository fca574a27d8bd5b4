"""Draw the README's picture, docs/activations.png, from the helpers.

python tools/readme_figure.py
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from helpers import activations as act  # noqa: E402
from helpers import plotting  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "activations.png"


def main() -> None:
    plotting.use_style()
    fig, _, _ = plotting.overlay(
        [
            ("sigmoid", act.sigmoid, act.sigmoid_derivative),
            ("ReLU", act.relu, act.relu_derivative),
            (
                "leaky ReLU (0.1)",
                lambda x: act.leaky_relu(x, 0.1),
                lambda x: act.leaky_relu_derivative(x, 0.1),
            ),
            ("ELU", act.elu, act.elu_derivative),
        ],
        title="Activation functions and their derivatives",
    )
    fig.savefig(OUT, dpi=110)
    print(f"wrote {OUT.relative_to(OUT.parents[1])}")


if __name__ == "__main__":
    main()
