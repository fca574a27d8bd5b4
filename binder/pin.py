"""Pin what Binder installs: resolve the series' requirements with Binder's Python and freeze them.

    python binder/pin.py            # rewrite binder/requirements.txt
    python binder/pin.py --check    # exit 1 if a requirement of ../requirements.txt is unpinned

Binder (repo2docker) reads only ``binder/`` when that folder exists: ``runtime.txt`` chooses the
Python version and ``requirements.txt`` is installed with pip from the repository root. This
script takes the root ``requirements.txt`` without the developer-only tools (:data:`DEV_ONLY`),
adds what Binder's own image needs to match (:data:`BINDER_EXTRA`), installs it with the helpers
in a fresh virtual environment of the ``runtime.txt`` Python, and writes every installed version
with ``==``, so that a build next year gives the same environment. The helpers themselves are
installed by the last line, ``-e .``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
RUNTIME = BINDER / "runtime.txt"
PINS = BINDER / "requirements.txt"

#: In the root requirements.txt but of no use on Binder (linters, browser tests, repo2docker).
DEV_ONLY = frozenset({"ruff", "nbqa", "playwright", "jupyter-repo2docker"})
#: Not in the root requirements.txt but in Binder's base image, pinned so that they match
#: JupyterLab (the image's notebook 7 requires a JupyterLab of its own minor version).
BINDER_EXTRA = ("notebook", "ipykernel")
#: The distribution name of this repository (installed by ``-e .``, not pinned).
SELF = "activation-functions-hands-on"

NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_version() -> str:
    """``3.12`` from ``binder/runtime.txt`` (``python-3.12``)."""
    text = RUNTIME.read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", text)
    if not match:
        raise ValueError(f"{RUNTIME}: expected 'python-X.Y', found {text!r}")
    return match.group(1)


def find_python(version: str) -> str | None:
    """A real interpreter (not a shim) of Python ``version`` (``3.12``), or None.

    Looks at ``pythonX.Y`` on PATH, then at pyenv's versions (on these machines the bare
    ``python3.12`` shim refuses unless PYENV_VERSION names a 3.12).
    """
    candidates = []
    if exe := shutil.which(f"python{version}"):
        candidates.append(exe)
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    if pyenv := shutil.which("pyenv"):
        out = subprocess.run(
            [pyenv, "root"], capture_output=True, text=True, check=False
        ).stdout.strip()
        pyenv_root = out or pyenv_root
    versions = sorted(
        Path(pyenv_root, "versions").glob(f"{version}.*"),
        key=lambda p: [int(x) if x.isdigit() else -1 for x in re.split(r"[.]", p.name)],
        reverse=True,
    )
    candidates += [str(p / "bin" / f"python{version}") for p in versions]
    for exe in candidates:
        try:
            out = subprocess.run(
                [
                    exe,
                    "-c",
                    "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])",
                ],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except OSError:
            continue
        lines = out.stdout.split()
        if out.returncode == 0 and len(lines) == 2 and lines[1] == version:
            return lines[0]
    return None


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a requirements file (no comments, options or local paths)."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-") and not line.startswith("."):
            lines.append(line)
    return lines


def top_level() -> list[str]:
    """The root requirements without the developer-only tools, and Binder's extras."""
    keep = [
        line
        for line in requirement_lines(ROOT / "requirements.txt")
        if canonical(NAME.match(line).group(1)) not in DEV_ONLY
    ]
    return keep + list(BINDER_EXTRA)


def freeze(python: str) -> list[str]:
    """Install :func:`top_level` and the helpers in a fresh venv of ``python``; its freeze."""
    with tempfile.TemporaryDirectory(prefix="binder-pin-") as tmp:
        env_dir = Path(tmp, "env")
        subprocess.run([python, "-m", "venv", str(env_dir)], check=True)
        pip = [str(env_dir / "bin" / "python"), "-m", "pip"]
        reqs = Path(tmp, "top-level.txt")
        reqs.write_text("\n".join(top_level()) + "\n", encoding="utf-8")
        subprocess.run([*pip, "install", "-q", "-r", str(reqs), "-e", str(ROOT)], check=True)
        out = subprocess.run(
            [*pip, "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
        ).stdout
    return sorted(
        (
            line
            for line in out.splitlines()
            if "==" in line and canonical(line.split("==")[0]) != SELF
        ),
        key=lambda line: canonical(line.split("==")[0]),
    )


def write(pins: list[str], version: str) -> None:
    header = [
        "# What Binder installs, every version pinned. Generated by `python binder/pin.py` from",
        "# ../requirements.txt (without the developer tools) with Python "
        f"{version} on {datetime.date.today()}; do not edit.",
        "# repo2docker runs `pip install -r binder/requirements.txt` from the repository root",
        "# after copying the repository, so the last line installs the series' helpers.",
    ]
    PINS.write_text("\n".join([*header, *pins, "-e .", ""]), encoding="utf-8")


def unpinned() -> list[str]:
    """Top-level requirements that binder/requirements.txt does not pin."""
    pinned = {canonical(line.split("==")[0]) for line in requirement_lines(PINS) if "==" in line}
    return [line for line in top_level() if canonical(NAME.match(line).group(1)) not in pinned]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report unpinned requirements")
    args = parser.parse_args(argv)
    if args.check:
        missing = unpinned()
        for line in missing:
            print(f"not pinned in binder/requirements.txt: {line}")
        return 1 if missing else 0
    version = runtime_version()
    python = find_python(version)
    if python is None:
        print(f"no Python {version} found (pyenv install {version})", file=sys.stderr)
        return 1
    pins = freeze(python)
    write(pins, version)
    print(f"wrote {len(pins)} pins to {PINS.relative_to(ROOT)} (Python {version}: {python})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
