"""JupyterLab in headless Chromium: a private server, a browser, a notebook driven like a learner.

Shared by ``tests/test_browser.py``, ``tests/test_binder.py`` and
``benchmarks/slider_latency.py``. Playwright is imported only when a browser starts, so this
module imports anywhere.

- :class:`Lab` starts JupyterLab on 127.0.0.1 with a random port and token, private settings
  (no news, no update checks, no extension manager) and private Jupyter folders, on a folder of
  notebook copies made by :func:`copy_notebooks`.
- :class:`Browser` starts Debian's Chromium through Playwright, with a fresh user-data folder.
- :class:`NotebookPage` opens a notebook, runs all cells from the Run menu, reports errors, and
  finds and moves the sliders.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_GLOB = "[0-9][0-9]*-*.ipynb"
SCREENSHOTS = ROOT / "screenshots"

#: Chromium as the machines here run it headless: no sandbox as root, and no background traffic
#: (this network refuses it). Playwright adds ``--headless`` itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Where a slider's figure is drawn: a LiveWidget image, an inline plot in an Output widget
#: (``interact``), or an ipympl canvas.
FIGURE_SELECTOR = "img.widget-image, .widget-output img, .jupyter-matplotlib canvas"
STDERR_MIME = "application/vnd.jupyter.stderr"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def notebooks(folder: Path = ROOT / "notebooks") -> list[Path]:
    """The series' notebooks, in order (``NN-name.ipynb``)."""
    return sorted(folder.glob(NOTEBOOK_GLOB))


def chromium_path() -> str | None:
    """Debian's Chromium, or None."""
    return shutil.which("chromium")


def missing_browser() -> str | None:
    """Why a browser cannot start here, or None when it can."""
    if chromium_path() is None:
        return "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed (pip install -r requirements.txt)"
    return None


def in_ci() -> bool:
    """Whether this runs in CI (``CI=true``), where every test must run, none skip."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> None:
    """Skip the calling test with ``reason`` locally; fail it in CI."""
    import pytest

    if in_ci():
        pytest.fail(f"{reason} -- CI must run this test", pytrace=False)
    pytest.skip(reason)


def copy_notebooks(paths: Iterable[Path], dest: Path, *, clear_outputs: bool = True) -> list[Path]:
    """Copy notebooks into ``dest``; by default without outputs, so every output seen is new.

    The committed notebooks are never opened: JupyterLab saves what it opens.
    """
    import nbformat

    dest.mkdir(parents=True, exist_ok=True)
    copies = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nb.metadata.setdefault(
            "kernelspec",
            {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        )
        nb.metadata.pop("widgets", None)
        if clear_outputs:
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
                    cell.execution_count = None
        copy = dest / path.name
        nbformat.write(nb, copy)
        copies.append(copy)
    return copies


def _load_libc():
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None


_LIBC = _load_libc() if sys.platform.startswith("linux") else None
_PR_SET_PDEATHSIG = 1


def _own_group_dying_with_parent() -> None:  # runs in the child between fork and exec
    os.setsid()
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_lab_settings(folder: Path, *, windowing: str | None = "none") -> None:
    """Private JupyterLab settings: no news pop-up, no update check, no extension manager.

    ``windowing="none"`` keeps every cell in the page, so every slider and figure can be found.
    """
    settings: dict[str, dict[str, Any]] = {
        "@jupyterlab/apputils-extension/notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
    }
    if windowing:
        settings["@jupyterlab/notebook-extension/tracker"] = {"windowingMode": windowing}
    for name, values in settings.items():
        path = folder / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2), encoding="utf-8")


class Lab:
    """A JupyterLab server on 127.0.0.1 serving ``root_dir``, with everything private to ``work``.

    Use as a context manager; :meth:`close` shuts the kernels down and stops the server (and, if
    it does not stop, kills its process group).
    """

    def __init__(
        self,
        root_dir: Path,
        work: Path,
        *,
        python: str = sys.executable,
        windowing: str | None = "none",
        timeout: float = 120,
    ):
        self.root_dir = Path(root_dir)
        self.work = Path(work)
        self.python = python
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.work / "jupyterlab.log"
        settings = self.work / "settings"
        write_lab_settings(settings, windowing=windowing)
        env = dict(os.environ)
        for var, sub in (
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("IPYTHONDIR", "ipython"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ):
            env[var] = str(self.work / sub)
        env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
        env["PATH"] = str(Path(python).parent) + os.pathsep + env.get("PATH", "")
        env.pop("VIRTUAL_ENV", None)
        cmd = [
            python,
            "-m",
            "jupyterlab",
            "--no-browser",
            # window.jupyterapp, for a test to open and close documents in one page (it changes
            # nothing else)
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.work / 'workspaces'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.work.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in close()
        try:
            self.process = subprocess.Popen(
                cmd,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=self.root_dir,
                # its own process group (kernels included, so close() can end them all), and a
                # SIGTERM if this process dies first: a killed test run leaves no server behind
                preexec_fn=_own_group_dying_with_parent,
            )
        except BaseException:
            self._log.close()
            raise
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.close()
            raise

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({self.process.returncode}):\n{self.log()}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                self.api("GET", "api/status")
                return
            time.sleep(0.25)
        raise TimeoutError(f"JupyterLab did not answer within {timeout} s:\n{self.log()}")

    def log(self, tail: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def api(self, method: str, path: str, timeout: float = 10) -> Any:
        request = urllib.request.Request(
            f"{self.base}/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def trust(self, paths: Iterable[Path]) -> None:
        """Sign notebooks with this server's notary, as JupyterLab does for a notebook its user
        trusts: their outputs then render as trusted (widget views included), not only through
        the renderers safe for untrusted output (which never show a widget view)."""
        import nbformat
        from nbformat.sign import NotebookNotary

        notary = NotebookNotary(data_dir=str(self.work / "data"))  # the server's JUPYTER_DATA_DIR
        try:
            for path in paths:
                notary.sign(nbformat.read(path, as_version=4))
        finally:
            notary.close()

    def url(self, path: str) -> str:
        """The JupyterLab address that opens ``path`` (relative to the root) in a fresh layout."""
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def shutdown_kernels(self) -> None:
        with contextlib.suppress(OSError, urllib.error.URLError):
            for session in self.api("GET", "api/sessions"):
                self.api("DELETE", f"api/sessions/{session['id']}")
            for kernel in self.api("GET", "api/kernels"):
                self.api("DELETE", f"api/kernels/{kernel['id']}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.shutdown_kernels()
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        # anything left in the server's own process group (a kernel that did not stop)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self._log.close()

    def __enter__(self) -> Lab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Browser:
    """Headless Debian Chromium driven by Playwright, with a fresh user-data folder."""

    def __init__(self, *, viewport: tuple[int, int] = (1280, 1000), user_data: Path | None = None):
        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        if executable is None:
            raise RuntimeError(missing_browser())
        self._tmp = None
        if user_data is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="chromium-profile-")
            user_data = Path(self._tmp.name)
        self._playwright = sync_playwright().start()
        try:
            self.context = self._playwright.chromium.launch_persistent_context(
                str(user_data),
                executable_path=executable,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": viewport[0], "height": viewport[1]},
            )
        except BaseException:
            self._playwright.stop()
            raise

    def new_page(self):
        return self.context.new_page()

    def close(self) -> None:
        try:
            self.context.close()
        finally:
            self._playwright.stop()
            if self._tmp is not None:
                self._tmp.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- in the page ------------------------------------------------------------------------------

#: Helpers installed in the page as ``window.__lab``: find the current notebook, its sliders, the
#: figure and readout of each slider's widget, and a pixel fingerprint of a figure.
PAGE_JS = r"""
(() => {
  if (window.__lab) return;
  const FIGURE = __FIGURE__;
  const STDERR = __STDERR__;
  const panel = () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');

  // The widget box of a slider: its nearest ancestor, within the cell output, holding a figure.
  function boxOf(handle) {
    const stop = handle.closest('.jp-OutputArea-output');
    let el = handle.closest('.widget-slider') || handle;
    while (el && el !== stop && !el.querySelector(FIGURE)) el = el.parentElement;
    return el && el.querySelector(FIGURE) ? el : null;
  }

  function readoutOf(box) {
    if (!box) return null;
    const parts = [...box.querySelectorAll('.widget-html, .widget-htmlmath')].map(text);
    return parts.length ? parts.join(' | ') : null;
  }

  function figureOf(box) {
    if (!box) return null;
    const all = [...box.querySelectorAll(FIGURE)];
    return all.length ? all[all.length - 1] : null;
  }

  // Pixels of a figure (decoded image or canvas) as RGBA data, or null.
  async function pixels(el) {
    if (!el) return null;
    let width, height, data;
    if (el.tagName === 'IMG') {
      if (!el.getAttribute('src')) return null;
      try { await el.decode(); } catch (e) { return null; }
      width = el.naturalWidth; height = el.naturalHeight;
      if (!width || !height) return null;
      const c = document.createElement('canvas');
      c.width = width; c.height = height;
      const ctx = c.getContext('2d', {willReadFrequently: true});
      ctx.drawImage(el, 0, 0);
      data = ctx.getImageData(0, 0, width, height).data;
    } else {
      const ctx = el.getContext('2d');
      if (!ctx) return null;
      width = el.width; height = el.height;
      data = ctx.getImageData(0, 0, width, height).data;
    }
    return {width, height, data};
  }

  // noUiSlider writes aria-valuenow with one decimal; aria-valuetext has the value in full.
  const valueOf = (h) => h.getAttribute('aria-valuetext') || h.getAttribute('aria-valuenow');

  const previous = new Map();

  window.__lab = {
    panel, text, boxOf, readoutOf, figureOf, pixels,

    // Cells still to run, and the cells that show an error or stderr.
    progress() {
      const p = panel();
      if (!p) return {ready: false, pending: -1, errors: []};
      let pending = 0, started = 0;
      const errors = [];
      for (const cell of p.querySelectorAll('.jp-CodeCell')) {
        const source = text(cell.querySelector('.jp-InputArea-editor .cm-content'));
        const prompt = text(cell.querySelector('.jp-InputPrompt'));
        if (prompt === '[*]:' || (source && !/^\[\d+\]:$/.test(prompt))) pending += 1;
        if (prompt === '[*]:' || /^\[\d+\]:$/.test(prompt)) started += 1;
        for (const out of cell.querySelectorAll(`[data-mime-type="${STDERR}"]`)) {
          errors.push(`${prompt} ${text(out).slice(0, 600)}`);
        }
      }
      const indicator = p.querySelector('.jp-Notebook-ExecutionIndicator')
        || document.querySelector('.jp-Notebook-ExecutionIndicator');
      const status = indicator ? indicator.dataset.status : 'unknown';
      return {ready: true, pending, started, errors, status};
    },

    // Problems a learner would see: errors, stderr, widgets that failed to display.
    problems() {
      const p = panel();
      const found = [];
      for (const out of p.querySelectorAll(`[data-mime-type="${STDERR}"]`)) {
        const cell = out.closest('.jp-CodeCell');
        found.push(`${text(cell && cell.querySelector('.jp-InputPrompt'))} stderr/error: `
                   + text(out).slice(0, 800));
      }
      // one figure per explorer: a cell with a live widget shows no static picture beside it
      for (const cell of p.querySelectorAll('.jp-CodeCell')) {
        const live = cell.querySelectorAll(
          '.jp-OutputArea-output:not([data-mime-type]) img.widget-image').length;
        const still = cell.querySelectorAll(
          '.jp-OutputArea-output[data-mime-type="image/png"]').length;
        if (live && still) {
          found.push(`${text(cell.querySelector('.jp-InputPrompt'))} shows ${live} live `
                     + `figure(s) and ${still} static picture(s): one figure per explorer`);
        }
      }
      for (const out of p.querySelectorAll('.jp-OutputArea-output')) {
        if (/Error displaying widget/.test(out.textContent)) {
          const cell = out.closest('.jp-CodeCell');
          found.push(`${text(cell && cell.querySelector('.jp-InputPrompt'))} `
                     + text(out).slice(0, 300));
        }
      }
      return found;
    },

    // What a notebook opened without running shows: its pictures, and widget outputs (none
    // should be left: the saved explorers carry their picture, not a widget view).
    savedPictures() {
      const p = panel();
      const shown = [...p.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="image/png"] img')];
      return {
        pictures: shown.filter((img) => img.complete && img.naturalWidth > 0).length,
        widgets: p.querySelectorAll('.jp-OutputArea-output:not([data-mime-type])').length,
        errors: [...p.querySelectorAll('.jp-OutputArea-output')]
          .filter((o) => /Error displaying widget|Loading widget/.test(o.textContent)).length,
      };
    },

    // Widget outputs (the one kind of output a MIME renderer does not tag with its type): how
    // many there are, how many show a widget, how many are still loading.
    widgetOutputs() {
      const outs = [...panel().querySelectorAll('.jp-OutputArea-output:not([data-mime-type])')];
      const loading = (o) => (!o.children.length && !o.textContent.trim())
        || /^\s*Loading widget/.test(o.textContent);
      return {
        total: outs.length,
        rendered: outs.filter((o) => o.querySelector(':scope > .jupyter-widgets')).length,
        loading: outs.filter(loading).length,
      };
    },

    // Label every slider handle (data-test-handle) and widget box (data-test-box); describe them.
    sliders() {
      const handles = [...panel().querySelectorAll('.widget-slider .noUi-handle[role=slider]')];
      const boxes = [];
      return handles.map((h, k) => {
        h.dataset.testHandle = String(k);
        const slider = h.closest('.widget-slider');
        const box = boxOf(h);
        let b = -1;
        if (box) {
          b = boxes.indexOf(box);
          if (b < 0) { boxes.push(box); b = boxes.length - 1; box.dataset.testBox = String(b); }
        }
        const cell = h.closest('.jp-CodeCell');
        return {
          index: k,
          box: b,
          handle: Number(h.dataset.handle || 0),
          handles: slider.querySelectorAll('.noUi-handle[role=slider]').length,
          label: text(slider.querySelector('.widget-label')),
          cell: text(cell && cell.querySelector('.jp-InputPrompt')),
          orientation: h.getAttribute('aria-orientation') || 'horizontal',
        };
      });
    },

    handle(k) { return document.querySelector(`[data-test-handle="${k}"]`); },

    state0(k) { return valueOf(this.handle(k)); },

    // The state of handle k: its value and range, its figure and its readout.
    async state(k) {
      const h = this.handle(k);
      const box = boxOf(h);
      const fig = figureOf(box);
      const px = await pixels(fig);
      let changed = null;
      if (px) {
        const before = previous.get(k);
        if (before && before.width === px.width && before.height === px.height) {
          changed = 0;
          const a = new Uint32Array(before.data.buffer), b = new Uint32Array(px.data.buffer);
          for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed += 1;
        } else if (before) {
          changed = px.width * px.height;
        }
        previous.set(k, px);
      }
      return {
        value: valueOf(h),
        min: h.getAttribute('aria-valuemin'),
        max: h.getAttribute('aria-valuemax'),
        figure: fig ? fig.tagName.toLowerCase() : null,
        src: fig && fig.tagName === 'IMG' ? fig.getAttribute('src') : null,
        element: fig ? (fig.__testId ||= Math.random().toString(36).slice(2)) : null,
        size: px ? [px.width, px.height] : null,
        changedPixels: changed,
        readout: readoutOf(box),
        display: text(h.closest('.widget-slider').querySelector('.widget-readout')),
      };
    },

    // True once handle k's value, figure and readout all differ from `before` and the figure
    // is decoded.
    changed(k, before) {
      const h = this.handle(k);
      const box = boxOf(h);
      const fig = figureOf(box);
      if (!fig || valueOf(h) === before.value) return false;
      if (fig.tagName === 'IMG') {
        const newFigure = fig.getAttribute('src') !== before.src || fig.__testId !== before.element;
        if (!newFigure || !fig.complete || !fig.naturalWidth) return false;
      }
      const readout = readoutOf(box);
      if (before.readout !== null && readout === before.readout) return false;
      return true;
    },
  };
})();
""".replace("__FIGURE__", json.dumps(FIGURE_SELECTOR)).replace(
    "__STDERR__", json.dumps(STDERR_MIME)
)


@dataclass
class Slider:
    """One handle of a slider on the page (a range slider has two)."""

    index: int
    box: int
    handle: int
    handles: int
    label: str
    cell: str
    orientation: str

    @property
    def name(self) -> str:
        which = f" ({'lower' if self.handle == 0 else 'upper'} handle)" if self.handles > 1 else ""
        return f"cell {self.cell} slider {self.label or '?'!r}{which}"


OPPOSITE = {
    "ArrowRight": "ArrowLeft",
    "ArrowLeft": "ArrowRight",
    "ArrowUp": "ArrowDown",
    "ArrowDown": "ArrowUp",
}
NUMBER = re.compile(r"[-+\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: What follows ``name =`` in a readout: numbers, alone or in a list, up to the next word
REPORTED = re.compile(rf"(?:{NUMBER.pattern}|[\s\[\](),;%])*")


def numbers_in(text: str) -> list[str]:
    """The numbers written in ``text``, as written (``\u2212`` read as a minus)."""
    return [m.replace("\u2212", "-") for m in NUMBER.findall(text or "")]


def _half_unit(number: str) -> Decimal:
    """Half a unit in the last written digit of ``number``; 0 for a plain integer."""
    if not re.search(r"[.eE]", number):
        return Decimal(0)
    return Decimal(5) * Decimal(10) ** (Decimal(number).as_tuple().exponent - 1)


def same_number(a: str, b: str) -> bool:
    """Whether two written numbers can be the same value, each rounded as written."""
    return abs(Decimal(a) - Decimal(b)) < _half_unit(a) + _half_unit(b) or Decimal(a) == Decimal(b)


def displayed_value(display: str, handle: int = 0) -> str | None:
    """The value a slider shows next to itself (for a range slider: that of ``handle``)."""
    numbers = numbers_in(display)
    return numbers[handle] if len(numbers) > handle else None


def reported_values(readout: str, label: str) -> list[str] | None:
    """The numbers a readout reports under the words of a slider's label (``alpha = 0.5`` for
    the slider labelled ``alpha``, ``n = 6`` for ``layers n``, ``l = 3 u = 8`` for
    ``bounds l, u``), or None if it reports nothing under any of them."""
    found = None
    for token in re.findall(r"[^\W_][\w']*", label or ""):
        match = re.search(rf"(?<![\w']){re.escape(token)}\s*=\s*", readout or "")
        if match:
            found = (found or []) + numbers_in(REPORTED.match(readout, match.end()).group(0))
    return found


class NotebookPage:
    """A notebook opened in JupyterLab in its own page."""

    def __init__(self, browser: Browser, lab: Lab, path: str):
        self.lab = lab
        self.path = path
        self.page = browser.new_page()
        self.console_errors: list[str] = []
        self.page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))

    # -- opening and running ---------------------------------------------------------------------

    def open(self, timeout: float = 90) -> None:
        self.page.goto(self.lab.url(self.path), timeout=timeout * 1000)
        self.page.wait_for_selector(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", timeout=timeout * 1000
        )
        self.page.evaluate(PAGE_JS)
        # the kernel has started and the notebook is the current document
        deadline = time.monotonic() + timeout
        while not self._kernel_idle():
            if time.monotonic() > deadline:
                raise TimeoutError(f"no idle kernel for {self.path}:\n{self.lab.log()}")
            time.sleep(0.25)
        self.wait_idle(timeout)

    def _kernel_idle(self) -> bool:
        with contextlib.suppress(OSError, urllib.error.URLError):
            for session in self.lab.api("GET", "api/sessions"):
                if session.get("path") == self.path and session.get("kernel"):
                    return session["kernel"].get("execution_state") == "idle"
        return False

    def menu(self, menu: str, item: str) -> None:
        """Click ``item`` in the menu bar's ``menu``."""
        self.page.keyboard.press("Escape")  # close any menu left open
        label = re.compile(f"^{re.escape(menu)}$")
        self.page.locator(".lm-MenuBar-itemLabel", has_text=label).click()
        entry = self.page.locator(
            ".lm-Menu-item:not(.lm-mod-disabled)",
            has=self.page.locator(
                ".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")
            ),
        ).first
        entry.click(timeout=10_000)

    def run_all(self, timeout: float = 300) -> dict:
        """Run > Run All Cells; wait until every cell has run (or one failed) and the kernel is
        idle. Returns the final progress (``pending``, ``errors``, ``status``)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        for attempt in range(3):
            self.menu("Run", "Run All Cells")
            try:
                self.page.wait_for_function(
                    "() => window.__lab.progress().started > 0"
                    " || window.__lab.progress().pending === 0",
                    timeout=15_000,
                    polling=100,
                )
                break
            except PlaywrightTimeout:  # the click started no run (the page was not ready)
                if attempt == 2:
                    raise
        self.page.wait_for_function(
            """() => {
              const p = window.__lab.progress();
              return p.ready && p.status === 'idle' && (p.pending === 0 || p.errors.length > 0);
            }""",
            timeout=timeout * 1000,
            polling=250,
        )
        # widget views render after their output arrives: wait until none is still loading
        self.page.wait_for_function(
            "() => window.__lab.widgetOutputs().loading === 0", timeout=60_000, polling=100
        )
        self.wait_idle()
        return self.page.evaluate("window.__lab.progress()")

    def wait_idle(self, timeout: float = 60) -> None:
        self.page.wait_for_function(
            "() => window.__lab.progress().status === 'idle'", timeout=timeout * 1000, polling=50
        )

    def problems(self) -> list[str]:
        return self.page.evaluate("window.__lab.problems()")

    def saved_pictures(self) -> dict:
        """``pictures`` decoded, ``widgets`` outputs and ``errors`` of an opened, unrun notebook."""
        return self.page.evaluate("window.__lab.savedPictures()")

    def widget_outputs(self) -> dict:
        """``total``, ``rendered`` and ``loading`` widget outputs on the page."""
        return self.page.evaluate("window.__lab.widgetOutputs()")

    def saved_widget_outputs(self) -> int:
        """Save the notebook; count the widget outputs the kernel sent (in the saved file)."""
        import nbformat

        self.save()
        nb = nbformat.read(self.lab.root_dir / self.path, as_version=4)
        return sum(
            WIDGET_MIME in output.get("data", {})
            for cell in nb.cells
            if cell.cell_type == "code"
            for output in cell.outputs
        )

    def save(self, timeout: float = 30) -> None:
        """File > Save Notebook, and wait until the tab is no longer dirty."""
        self.menu("File", "Save Notebook")
        self.page.wait_for_function(
            "() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
            ".classList.contains('jp-mod-dirty') && !document.querySelector("
            "'.lm-TabBar-tab.lm-mod-current.jp-mod-dirty')",
            timeout=timeout * 1000,
        )

    # -- sliders ---------------------------------------------------------------------------------

    def sliders(self) -> list[Slider]:
        return [Slider(**s) for s in self.page.evaluate("window.__lab.sliders()")]

    def state(self, slider: Slider) -> dict:
        return self.page.evaluate("(k) => window.__lab.state(k)", slider.index)

    def handle(self, slider: Slider):
        return self.page.locator(f'[data-test-handle="{slider.index}"]')

    def box(self, slider: Slider):
        return self.page.locator(f'[data-test-box="{slider.box}"]')

    @staticmethod
    def key_for(state: dict, slider: Slider, forward: bool = True) -> tuple[str, bool]:
        """The key that moves the handle one step (forward unless at its end), and the direction."""
        value, low, high = (float(state[k]) for k in ("value", "min", "max"))
        if forward and value >= high:
            forward = False
        elif not forward and value <= low:
            forward = True
        vertical = slider.orientation == "vertical"
        if forward:
            return ("ArrowUp" if vertical else "ArrowRight"), True
        return ("ArrowDown" if vertical else "ArrowLeft"), False

    def press(self, slider: Slider, key: str, before: dict, timeout: float = 30) -> dict:
        """Press ``key`` on the handle (the opposite arrow if the handle is at that end); wait
        until its value, figure and readout have changed and the kernel is idle; return the new
        state, with the key that moved it as ``key``."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.handle(slider).focus()
        self.page.keyboard.press(key)
        try:  # the handle itself answers at once, unless it sits at the end it was pushed to
            self.page.wait_for_function(
                "([k, v]) => window.__lab.state0(k) !== v",
                arg=[slider.index, before["value"]],
                timeout=2000,
                polling=20,
            )
        except PlaywrightTimeout:
            key = OPPOSITE[key]
            self.page.keyboard.press(key)
        self.page.wait_for_function(
            "([k, before]) => window.__lab.changed(k, before)",
            arg=[slider.index, before],
            timeout=timeout * 1000,
            polling=20,
        )
        self.wait_idle()
        return self.state(slider) | {"key": key}

    def screenshot(self, path: Path, locator=None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):  # a screenshot is a record, never a failure
            (locator or self.page).screenshot(path=str(path))

    def screenshot_notebook(self, path: Path, max_height: int = 20_000) -> None:
        """The whole notebook in one picture: the window is made as tall as the notebook."""
        viewport = self.page.viewport_size
        height = self.page.evaluate(
            "() => { const p = window.__lab.panel();"
            " const s = p && (p.querySelector('.jp-WindowedPanel-outer')"
            " || p.querySelector('.jp-Notebook'));"
            " return s ? s.scrollHeight : 0; }"
        )
        try:
            self.page.set_viewport_size(
                {"width": viewport["width"], "height": min(max_height, height + 200)}
            )
            self.page.evaluate(
                "() => { const s = window.__lab.panel().querySelector('.jp-WindowedPanel-outer');"
                " if (s) s.scrollTop = 0; }"
            )
            self.page.wait_for_timeout(300)
            self.screenshot(path)
        finally:
            self.page.set_viewport_size(viewport)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.page.close()
        self.lab.shutdown_kernels()


@contextlib.contextmanager
def lab_on_copies(
    paths: Iterable[Path], work: Path, *, python: str = sys.executable, **kwargs: Any
) -> Iterator[Lab]:
    """JupyterLab serving output-free copies of ``paths`` in ``work/root/notebooks``."""
    root = work / "root"
    copy_notebooks(paths, root / "notebooks")
    with Lab(root, work / "lab", python=python, **kwargs) as lab:
        yield lab


# --- the checks a learner's session makes ---------------------------------------------------


def run_notebook(page: NotebookPage, shots: Path | None = None) -> list[str]:
    """Open the notebook, Run > Run All Cells, wait for the kernel to go idle; return what went
    wrong: cells that did not run, cells showing an error or stderr, widgets that did not display
    (compared with the widget outputs the kernel sent, read from the saved copy)."""
    failures: list[str] = []
    page.open()
    progress = page.run_all()
    if shots is not None:
        page.screenshot(shots / "run-all.png")
    failures += page.problems()
    if progress["pending"]:
        failures.append(f"{progress['pending']} code cells did not run")
    shown = page.widget_outputs()
    sent = page.saved_widget_outputs()
    if not shown["rendered"] == shown["total"] == sent:
        failures.append(
            f"the kernel sent {sent} widget outputs; the page has {shown['total']}, of which"
            f" {shown['rendered']} display a widget"
        )
    return failures


def move_slider(
    page: NotebookPage, slider: Slider, shots: Path | None = None, timeout: float = 30
) -> list[str]:
    """Press an arrow key on one slider handle; return what went wrong.

    Within ``timeout`` seconds the handle's value must change, its figure must show a new picture
    with other pixels, and the readout computed in the kernel (the ``.widget-html`` in the same
    widget box, if there is one) must change; if the readout reports a quantity under a word of
    the slider's label (``alpha = 0.5``), that must be the slider's new value.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.state(slider)
    if before["figure"] is None:
        return [f"{slider.name}: no figure ({FIGURE_SELECTOR}) in its widget"]
    if before["size"] is None:
        return [f"{slider.name}: its figure shows no picture"]
    key, _ = page.key_for(before, slider)
    try:
        after = page.press(slider, key, before, timeout=timeout)
    except PlaywrightTimeout:
        now = page.state(slider)
        return [
            f"{slider.name}: after an arrow key, within {timeout:g} s: value"
            f" {before['display']!r} ->"
            f" {now['display']!r}, figure {'new' if now['src'] != before['src'] else 'unchanged'},"
            f" readout {before['readout']!r} -> {now['readout']!r}"
        ]
    key = after["key"]
    failures = []
    if not after["changedPixels"]:
        failures.append(f"{slider.name}: after {key} the figure shows the same pixels")
    shown = displayed_value(after["display"], slider.handle)
    reported = reported_values(after["readout"], slider.label)
    if shown is not None and reported is not None:
        if not any(same_number(shown, number) for number in reported):
            failures.append(
                f"{slider.name}: after {key} the slider shows {shown} but the readout from the"
                f" kernel says {after['readout']!r}"
            )
    if shots is not None:
        page.screenshot(shots / f"slider-{slider.index:02d}.png", page.box(slider))
    return failures
