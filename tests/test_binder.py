"""Binder holds true: what repo2docker would build, and a rehearsal of it without Docker.

- ``binder/`` pins every package Binder installs, for the Python of ``binder/runtime.txt``, in
  agreement with the root ``requirements.txt`` and the helpers' own dependencies.
- ``jupyter-repo2docker --no-build --debug`` renders the Dockerfile Binder would build: it must
  build that Python and install ``binder/requirements.txt`` after copying the repository.
- The rehearsal: a fresh virtual environment of that Python, installed from a copy of the
  repository exactly as the Dockerfile installs it, is consistent (``pip check``), runs nbval on
  09-12 (which use every helper module), and its JupyterLab displays the explorers' widgets in
  Chromium.

The slow ones build the environment once per session. Locally they skip when a tool is missing
(repo2docker, Python of runtime.txt, Chromium); in CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tools import browser as lab_browser

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"


def _load_pin():
    spec = importlib.util.spec_from_file_location("binder_pin", BINDER / "pin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pin = _load_pin()


def binder_lines() -> list[str]:
    lines = []
    for raw in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def binder_pins() -> dict[str, str]:
    """``{canonical name: version}`` of binder/requirements.txt."""
    pins = {}
    for line in binder_lines():
        if not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[pin.canonical(name)] = version
    return pins


# --- the files ----------------------------------------------------------------------------------


def test_runtime_txt_names_a_python_that_the_series_supports():
    version = pin.runtime_version()  # raises unless 'python-X.Y'
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    assert Requirement(f"python{requires}").specifier.contains(f"{version}.0"), (
        f"runtime.txt asks for Python {version}; pyproject.toml requires {requires}"
    )


def test_binder_requirements_pin_every_package_and_install_the_helpers():
    lines = binder_lines()
    loose = [line for line in lines if not line.startswith("-") and "==" not in line]
    assert not loose, f"not pinned with == in binder/requirements.txt: {loose}"
    options = [line for line in lines if line.startswith("-")]
    assert options == ["-e ."], (
        "binder/requirements.txt must end with '-e .' (the helpers, from the repository root)"
        f" and carry no other option; it has {options}"
    )
    assert lines[-1] == "-e ."


def test_binder_pins_jupyterlab_and_ipywidgets_that_render_together():
    pins = binder_pins()
    for name in (
        "jupyterlab",
        "notebook",
        "ipywidgets",
        "jupyterlab-widgets",
        "widgetsnbextension",
        "ipykernel",
    ):
        assert name in pins, f"binder/requirements.txt does not pin {name}"
    # ipywidgets 8 renders in JupyterLab 4 through jupyterlab_widgets 3
    assert pins["ipywidgets"].startswith("8."), pins["ipywidgets"]
    assert pins["jupyterlab"].startswith("4."), pins["jupyterlab"]
    assert pins["jupyterlab-widgets"].startswith("3."), pins["jupyterlab-widgets"]
    # the image's notebook 7.x requires the JupyterLab of its own minor version: 7.N <-> 4.N
    assert pins["notebook"].split(".")[:2] == ["7", pins["jupyterlab"].split(".")[1]], (
        f"notebook {pins['notebook']} does not go with jupyterlab {pins['jupyterlab']}"
    )


def test_binder_pins_satisfy_the_root_requirements_and_the_helpers():
    """Binder installs what the series is tested with: every root requirement (but the developer
    tools) and every dependency of the helpers is pinned, within its range."""
    pins = binder_pins()
    wanted = [Requirement(line) for line in pin.top_level()]
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted += [Requirement(dep) for dep in meta["project"]["dependencies"]]
    problems = []
    for req in wanted:
        version = pins.get(pin.canonical(req.name))
        if version is None:
            problems.append(f"{req} is not pinned")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req}: binder pins {version}")
    assert not problems, "binder/requirements.txt is out of date (python binder/pin.py):\n" + (
        "\n".join(problems)
    )


# --- what repo2docker renders -------------------------------------------------------------------


@pytest.fixture(scope="session")
def repo2docker() -> tuple[str, str]:
    """(Dockerfile, log) of ``jupyter-repo2docker --no-build --debug`` on the repository."""
    if importlib.util.find_spec("repo2docker") is None:
        lab_browser.unavailable(
            "jupyter-repo2docker is not installed (pip install -r requirements.txt)"
        )
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"repo2docker failed:\n{result.stderr[-3000:]}"
    return result.stdout, result.stderr


def test_repo2docker_builds_the_python_of_runtime_txt(repo2docker):
    dockerfile, log = repo2docker
    version = pin.runtime_version()
    assert f"Building conda environment for python={version}" in log, log[-2000:]
    import escapism

    lock = escapism.escape(f"environment.py-{version}-linux-64.lock", escape_char="-")
    assert lock.lower() in dockerfile.lower(), (
        f"no Python {version} base environment in the Dockerfile"
    )


def test_repo2docker_installs_binder_requirements_after_copying_the_repository(repo2docker):
    """``-e .`` needs the repository in place: the pip install must follow the full copy and run
    in the repository root."""
    dockerfile, _ = repo2docker
    lines = dockerfile.splitlines()
    installs = [k for k, line in enumerate(lines) if re.search(r"\bpip install\b", line)]
    ours = [k for k in installs if "binder/requirements.txt" in lines[k]]
    assert len(ours) == 1, f"expected one pip install of binder/requirements.txt: {installs}"
    copy = [k for k, line in enumerate(lines) if re.match(r"COPY .*\bsrc/ \$\{REPO_DIR\}/?$", line)]
    assert copy and copy[0] < ours[0], "binder/requirements.txt is installed before the copy"
    workdir = [line for line in lines[: ours[0]] if line.startswith("WORKDIR")]
    assert workdir and workdir[-1] == "WORKDIR ${REPO_DIR}", workdir
    # nothing else of ours is installed: with binder/ present, repo2docker reads only binder/
    assert not any("requirements.txt" in lines[k] for k in installs if k not in ours)


def dockerfile_pip_install(dockerfile: str) -> list[str]:
    """The Dockerfile's command that installs binder/requirements.txt, as arguments."""
    for line in dockerfile.splitlines():
        if "pip install" in line and "binder/requirements.txt" in line:
            command = line.removeprefix("RUN ").strip()
            return shlex.split(command)
    raise AssertionError("no pip install of binder/requirements.txt in the Dockerfile")


# --- the rehearsal ------------------------------------------------------------------------------


def repository_files() -> list[Path]:
    """The repository's files as a clone would have them: tracked and new, not ignored."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return [
            p.relative_to(ROOT) for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts
        ]
    return [Path(p) for p in out.decode().split("\0") if p and (ROOT / p).is_file()]


def base_pip_version(version: str) -> str | None:
    """The pip of repo2docker's base environment for Python ``version`` (from its lock file)."""
    spec = importlib.util.find_spec("repo2docker")
    if spec is None or not spec.submodule_search_locations:
        return None
    lock = Path(
        spec.submodule_search_locations[0],
        "buildpacks",
        "conda",
        f"environment.py-{version}-linux-64.lock",
    )
    match = re.search(r"/pip-(\d+(?:\.\d+)+)-", lock.read_text()) if lock.exists() else None
    return match.group(1) if match else None


def run(cmd: list[str], *, cwd: Path, env: dict, timeout: float, what: str) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{what} failed ({result.returncode}):\n{output[-5000:]}"
    return output


@pytest.fixture(scope="session")
def rehearsal(repo2docker, tmp_path_factory) -> dict:
    """A copy of the repository and a fresh venv of the runtime.txt Python, installed by the
    Dockerfile's own pip command from the copy's root. Built once per session."""
    version = pin.runtime_version()
    python = pin.find_python(version)
    if python is None:
        lab_browser.unavailable(
            f"no Python {version} here (binder/runtime.txt); pyenv install {version}"
        )
    work = tmp_path_factory.mktemp("binder")
    repo = work / "repo"
    for rel in repository_files():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, repo / rel)
    prefix = work / "env"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["KERNEL_PYTHON_PREFIX"] = env["NB_PYTHON_PREFIX"] = str(prefix)
    run([python, "-m", "venv", str(prefix)], cwd=work, env=env, timeout=300, what="venv")
    pip_version = base_pip_version(version)
    if pip_version:  # the pip of Binder's base environment, so that it resolves the same way
        run(
            [str(prefix / "bin" / "python"), "-m", "pip", "install", "-q", f"pip=={pip_version}"],
            cwd=work,
            env=env,
            timeout=300,
            what="pip install pip",
        )
    command = [
        arg.replace("${KERNEL_PYTHON_PREFIX}", str(prefix)).replace(
            "${NB_PYTHON_PREFIX}", str(prefix)
        )
        for arg in dockerfile_pip_install(repo2docker[0])
    ]
    run(command, cwd=repo, env=env, timeout=1200, what=" ".join(command))
    return {
        "python": str(prefix / "bin" / "python"),
        "repo": repo,
        "env": env,
        "version": version,
        "work": work,
    }


@pytest.mark.slow
def test_rehearsal_environment_is_consistent_and_matches_the_pins(rehearsal):
    python = rehearsal["python"]
    run(
        [python, "-m", "pip", "check"],
        cwd=rehearsal["repo"],
        env=rehearsal["env"],
        timeout=120,
        what="pip check",
    )
    out = subprocess.run(
        [
            python,
            "-c",
            "import sys, helpers; print('%d.%d' % sys.version_info[:2]); print(helpers.__file__)",
        ],
        cwd=rehearsal["work"],
        env=rehearsal["env"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out[0] == rehearsal["version"]
    # the helpers are the repository's (editable), found from anywhere, not by the folder
    assert Path(out[1]).resolve() == (rehearsal["repo"] / "helpers" / "__init__.py").resolve()
    frozen = subprocess.run(
        [python, "-m", "pip", "freeze", "--exclude-editable"],
        cwd=rehearsal["work"],
        env=rehearsal["env"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    installed = {
        pin.canonical(line.split("==")[0]): line.split("==")[1]
        for line in frozen.splitlines()
        if "==" in line
    }
    pins = binder_pins()
    differ = {
        name: (version, installed.get(name))
        for name, version in pins.items()
        if installed.get(name) != version
    }
    assert not differ, f"pinned vs installed: {differ}"


#: The notebooks nbval runs in the rehearsal: between them every helper module and every kind of
#: explorer (10: the generic ones; 09: the training code; 12: the lecture, built for Voilà's
#: slides; 11: the newer activations). The suite itself runs every notebook in nbval; the
#: rehearsal shows that Binder's pinned versions run the series, at a third of the time.
REHEARSED = ("09-training-race", "10-playground", "11-smooth-and-gated", "12-lecture")


@pytest.mark.slow
def test_rehearsal_runs_nbval_on_the_notebooks_that_use_every_helper(rehearsal):
    paths = [
        p for p in lab_browser.notebooks(rehearsal["repo"] / "notebooks") if p.stem in REHEARSED
    ]
    if not paths:
        pytest.skip("no notebooks yet")
    out = run(
        [rehearsal["python"], "-m", "pytest", *map(str, paths), "-v", "-p", "no:cacheprovider"],
        cwd=rehearsal["repo"],
        env=rehearsal["env"],
        timeout=1800,
        what="nbval in the Binder rehearsal",
    )
    # "notebooks/NN-name::ipynb::Cell 0 PASSED", or with pytest-xdist "PASSED notebooks/..."
    passed = [line for line in out.splitlines() if "PASSED" in line]
    ran = {m for line in passed for m in re.findall(r"notebooks/(\d\d[a-z]?-[\w-]+)", line)}
    missing = [p.name for p in paths if p.stem not in ran]
    assert not missing, f"nbval did not run: {missing}\n{out[-3000:]}"


@pytest.mark.slow
def test_rehearsal_jupyterlab_displays_the_widgets(rehearsal, chromium, tmp_path_factory):
    """Binder's pinned JupyterLab and ipywidgets render the explorers together: the first
    notebook with sliders runs in the rehearsal's JupyterLab and its first slider moves its
    figure."""
    paths = lab_browser.notebooks(rehearsal["repo"] / "notebooks")
    # a saved explorer keeps its picture and this text, not its widget view (tools/run_notebooks.py)
    with_widgets = [p for p in paths if "[live explorer" in p.read_text(encoding="utf-8")]
    if not with_widgets:
        pytest.skip("no notebook with widgets yet")
    path = with_widgets[0]
    work = tmp_path_factory.mktemp("binder-lab")
    shots = lab_browser.SCREENSHOTS / "binder" / path.stem
    shutil.rmtree(shots, ignore_errors=True)
    with lab_browser.lab_on_copies([path], work, python=rehearsal["python"]) as lab:
        page = lab_browser.NotebookPage(chromium, lab, f"notebooks/{path.name}")
        try:
            failures = lab_browser.run_notebook(page, shots)
            sliders = page.sliders()
            assert sliders, f"{path.name}: no slider displayed"
            failures += lab_browser.move_slider(page, sliders[0], shots)
        finally:
            page.close()
    assert not failures, f"{path.name} on Binder's JupyterLab:\n" + "\n".join(failures)
