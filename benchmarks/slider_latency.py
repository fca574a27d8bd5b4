"""Slider latency in a real browser: from a key press on a slider to its figure, changed, on screen.

    python -m benchmarks.slider_latency                  # every notebook, 40 presses per explorer
    python -m benchmarks.slider_latency --presses 60 notebooks/06-elu.ipynb

Run from the top folder of the repository (``-m``: the driver is imported from ``tools``).
Starts JupyterLab and headless Chromium as the browser test does (``tools/browser.py``), opens a
copy of each notebook and of ``benchmarks/baseline.ipynb`` (``interact`` + the inline backend, a
new figure per call), runs all cells, and for every explorer (a widget box with a figure) presses
an arrow key on its sliders, one press at a time, turning back at the ends. Each press is timed in
the page: from the ``keydown`` event to the first frame after the new figure is decoded (the
image's new ``src`` decoded, then one ``requestAnimationFrame``). Two presses per slider warm up
and are not counted.

Two cadences, each press waiting for the previous one's figure and for the kernel to go idle:

- *paced* (the goal is judged on it): a press every ``--interval`` ms (250), a learner tapping
  an arrow key;
- *back-to-back*: the next press as soon as the kernel is idle, as fast as the pipeline goes.

Writes ``benchmarks/results.json`` (machine, versions, every sample) and ``benchmarks/results.md``
(the table); screenshots go to ``benchmarks/out/`` (ignored). Exits 1 if an explorer misses the
goal: median <= 60 ms and p95 <= 120 ms.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import numpy as np

from tools import browser as lab_browser  # the browser test's driver

ROOT = Path(__file__).resolve().parents[1]

BASELINE = ROOT / "benchmarks" / "baseline.ipynb"
RESULTS_JSON = ROOT / "benchmarks" / "results.json"
RESULTS_MD = ROOT / "benchmarks" / "results.md"
OUT = ROOT / "benchmarks" / "out"
GOAL_MEDIAN_MS = 60.0
GOAL_P95_MS = 120.0
WARMUP = 2
INTERVAL_MS = 250

#: Timing in the page: ``arm(k)`` watches handle k's key press and its widget box's figure;
#: ``result(ms)`` waits for the new figure to be decoded and one animation frame to pass.
BENCH_JS = r"""
(() => {
  if (window.__bench) return;
  const lab = window.__lab;
  const valueOf = (h) => h.getAttribute('aria-valuetext') || h.getAttribute('aria-valuenow');
  let pending = null;
  window.__bench = {
    arm(k) {
      const h = lab.handle(k);
      const box = lab.boxOf(h);
      const first = lab.figureOf(box);
      const start = {el: first, src: first && first.getAttribute('src'), value: valueOf(h)};
      const state = {t0: null, t1: null, kind: null};
      let resolve;
      const done = new Promise((r) => { resolve = r; });
      h.addEventListener('keydown', (ev) => { state.t0 = ev.timeStamp; },
                         {capture: true, once: true});
      let seen = false;
      const check = () => {
        if (seen) return;
        const fig = lab.figureOf(box);
        if (!fig || fig.tagName !== 'IMG') return;
        const src = fig.getAttribute('src');
        if (!src || (fig === start.el && src === start.src)) return;
        seen = true;
        state.kind = fig === start.el ? 'new src' : 'new img';
        fig.decode().catch(() => {}).then(() => requestAnimationFrame(() => {
          state.t1 = performance.now();
          resolve();
        }));
      };
      const observer = new MutationObserver(check);
      observer.observe(box, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ['src']});
      pending = {state, done, observer, h, start};
    },
    async result(timeoutMs) {
      const p = pending;
      pending = null;
      const t = performance.now();
      while (valueOf(p.h) === p.start.value && performance.now() - t < 1000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      if (valueOf(p.h) === p.start.value) {
        p.observer.disconnect();
        return {status: 'stuck'};
      }
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
      const status = await Promise.race([p.done.then(() => 'ok'), timeout]);
      p.observer.disconnect();
      const s = p.state;
      return {status, kind: s.kind, value: valueOf(p.h),
              latency: s.t0 !== null && s.t1 !== null ? s.t1 - s.t0 : null};
    },
  };
})();
"""


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = lab_browser.chromium_path()
    chromium_version = ""
    if chromium:
        out = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60)
        chromium_version = out.stdout.strip()
    versions = {}
    for name in (
        "jupyterlab",
        "ipywidgets",
        "jupyterlab_widgets",
        "matplotlib",
        "numpy",
        "pillow",
        "ipykernel",
        "playwright",
    ):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    versions["python"] = platform.python_version()
    versions["chromium"] = chromium_version
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory = math.nan
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory, 1),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def summary(samples: list[float]) -> dict:
    values = np.asarray(samples, dtype=float)
    if values.size == 0:
        return {"n": 0, "median": None, "p95": None, "min": None, "max": None}
    return {
        "n": int(values.size),
        "median": round(float(np.median(values)), 1),
        "p95": round(float(np.percentile(values, 95)), 1),
        "min": round(float(values.min()), 1),
        "max": round(float(values.max()), 1),
    }


def measure_handle(
    page, slider, presses: int, interval_ms: float, timeout_ms: float = 30_000
) -> tuple[list, list]:
    """Press arrow keys on one handle: ``WARMUP`` + ``presses`` timed presses, one every
    ``interval_ms`` at most (0: as soon as the last one is done); turn back at the ends.
    Returns (latencies in ms, problems)."""
    latencies: list[float] = []
    problems: list[str] = []
    forward = True
    attempts = 0
    while len(latencies) < presses + WARMUP and attempts < 3 * (presses + WARMUP):
        attempts += 1
        key = (
            ("ArrowUp" if forward else "ArrowDown")
            if slider.orientation == "vertical"
            else ("ArrowRight" if forward else "ArrowLeft")
        )
        page.page.evaluate("(k) => window.__bench.arm(k)", slider.index)
        page.handle(slider).focus()
        pressed = time.monotonic()
        page.page.keyboard.press(key)
        result = page.page.evaluate("(ms) => window.__bench.result(ms)", timeout_ms)
        if result["status"] == "stuck":  # at an end of the slider (or the other handle)
            forward = not forward
            continue
        page.wait_idle()
        rest = interval_ms / 1000 - (time.monotonic() - pressed)
        if rest > 0:
            time.sleep(rest)
        if result["status"] != "ok" or result["latency"] is None:
            problems.append(f"{slider.name}: {key} -> {result['status']}")
            continue
        latencies.append(result["latency"])
    return latencies[WARMUP:], problems


def explorers(page) -> dict[int, list]:
    """Slider handles grouped by their widget box (an explorer)."""
    groups: dict[int, list] = {}
    for slider in page.sliders():
        groups.setdefault(slider.box, []).append(slider)
    return groups


def measure_notebook(browser, lab, path: Path, presses: int, interval_ms: float) -> list[dict]:
    page = lab_browser.NotebookPage(browser, lab, f"notebooks/{path.name}")
    rows = []
    try:
        problems = lab_browser.run_notebook(page)
        page.page.evaluate(BENCH_JS)
        for box, sliders in explorers(page).items():
            labels = ", ".join(dict.fromkeys(s.label or "?" for s in sliders))
            name = f"{path.stem} · {labels}"
            if box < 0:
                rows.append(
                    {
                        "notebook": path.stem,
                        "explorer": labels,
                        "name": name,
                        "paced": summary([]),
                        "back_to_back": summary([]),
                        "problems": ["no figure in the widget"],
                    }
                )
                continue
            page.box(sliders[0]).scroll_into_view_if_needed()
            per_handle = max(10, math.ceil(presses / len(sliders)))
            row = {
                "notebook": path.stem,
                "explorer": labels,
                "name": name,
                "problems": list(problems),
            }
            for cadence, interval in (("paced", interval_ms), ("back_to_back", 0)):
                samples: list[float] = []
                for slider in sliders:
                    got, bad = measure_handle(page, slider, per_handle, interval)
                    samples += got
                    row["problems"] += bad
                row[cadence] = {"samples": [round(x, 2) for x in samples]} | summary(samples)
            OUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(OUT / f"{path.stem}-{box}.png", page.box(sliders[0]))
            rows.append(row)
            p, b = row["paced"], row["back_to_back"]
            print(
                f"  {name:56s} n={p['n']:3d}  median {p['median']} ms  p95 {p['p95']} ms"
                f"  | back-to-back {b['median']} / {b['p95']} ms",
                flush=True,
            )
    finally:
        page.close()
    return rows


def within_goal(row: dict) -> bool:
    paced = row["paced"]
    return (
        paced["median"] is not None
        and paced["median"] <= GOAL_MEDIAN_MS
        and paced["p95"] <= GOAL_P95_MS
        and not row["problems"]
    )


def pooled(rows: list[dict], name: str) -> dict:
    """One row from several (the baseline, measured at the start and at the end of the run)."""
    row = {"name": name, "problems": [p for r in rows for p in r["problems"]]}
    for cadence in ("paced", "back_to_back"):
        samples = [x for r in rows for x in r[cadence].get("samples", [])]
        row[cadence] = {"samples": samples} | summary(samples)
    return row


def markdown(result: dict) -> str:
    m = result["machine"]
    v = m["versions"]
    lines = [
        "# Slider latency",
        "",
        "From a key press on a slider to the first frame after its figure changed (new image",
        "decoded, then one animation frame), timed in the page by `benchmarks/slider_latency.py`",
        "in headless Chromium on JupyterLab; the series and the baseline in one run.",
        f"Goal: every explorer median <= {GOAL_MEDIAN_MS:.0f} ms and p95 <= {GOAL_P95_MS:.0f} ms"
        f" (paced: a press every {result['interval_ms']} ms, a learner tapping a key).",
        "Back-to-back: the next press as soon as the kernel is idle again (for information).",
        "",
        f"- date: {result['date']}; the run took {result['seconds']} s",
        f"- machine: {m['cpus']} CPUs, {m['cpu']}, {m['memory_gib']} GiB, {m['system']}",
        f"- Python {v['python']}, JupyterLab {v['jupyterlab']}, ipywidgets {v['ipywidgets']},"
        f" matplotlib {v['matplotlib']}, numpy {v['numpy']}, Pillow {v['pillow']},"
        f" {v['chromium']}",
        f"- {result['presses']} timed presses per explorer and cadence (after {WARMUP} warm-up"
        " presses per slider); the baseline at the start and at the end of the run, pooled",
        f"- command: `{result['command']}`",
        "",
        "| explorer | presses | median (ms) | p95 (ms) | back-to-back median / p95 (ms) | goal |",
        "|---|---:|---:|---:|---:|---|",
    ]

    def cells(row: dict) -> str:
        p, b = row["paced"], row["back_to_back"]
        return f"{p['n']} | {p['median']} | {p['p95']} | {b['median']} / {b['p95']}"

    for row in result["explorers"]:
        goal = "yes" if within_goal(row) else "**no**"
        lines.append(f"| {row['name']} | {cells(row)} | {goal} |")
    lines.append(
        "| *baseline: `interact` + inline backend, a new figure per call* |"
        f" {cells(result['baseline'])} | |"
    )
    w, b = result["worst"], result["baseline"]["paced"]
    lines += [
        "",
        f"Slowest explorer: median {w['median']} ms, p95 {w['p95']} ms;"
        f" baseline median {b['median']} ms, p95 {b['p95']} ms.",
    ]
    problems = [p for row in [*result["explorers"], result["baseline"]] for p in row["problems"]]
    if problems:
        lines += ["", "Problems:", ""] + [f"- {p}" for p in problems]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: the series)")
    parser.add_argument("--presses", type=int, default=40, help="timed presses per explorer")
    parser.add_argument(
        "--interval",
        type=int,
        default=INTERVAL_MS,
        help="ms from one paced press to the next (default %(default)s)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; write no results")
    args = parser.parse_args(argv)
    reason = lab_browser.missing_browser()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    paths = [p.resolve() for p in args.paths] or lab_browser.notebooks()
    started = time.monotonic()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="slider-latency-") as tmp:
        with (
            lab_browser.lab_on_copies([*paths, BASELINE], Path(tmp), windowing=None) as lab,
            lab_browser.Browser() as browser,
        ):
            print("baseline", flush=True)
            baseline_rows = measure_notebook(browser, lab, BASELINE, args.presses, args.interval)
            for path in paths:
                print(path.name, flush=True)
                rows += measure_notebook(browser, lab, path, args.presses, args.interval)
            print("baseline again", flush=True)  # the machine may have changed pace: both ends
            baseline_rows += measure_notebook(browser, lab, BASELINE, args.presses, args.interval)
    baseline = pooled(baseline_rows, "baseline")
    measured = [r["paced"] for r in rows if r["paced"]["median"] is not None]
    worst = {
        "median": max((r["median"] for r in measured), default=None),
        "p95": max((r["p95"] for r in measured), default=None),
    }
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m benchmarks.slider_latency"
        + (f" --presses {args.presses}" if args.presses != 40 else "")
        + (f" --interval {args.interval}" if args.interval != INTERVAL_MS else "")
        + "".join(f" {p.relative_to(ROOT)}" for p in paths if args.paths),
        "presses": args.presses,
        "interval_ms": args.interval,
        "goal_ms": {"median": GOAL_MEDIAN_MS, "p95": GOAL_P95_MS},
        "machine": machine(),
        "seconds": round(time.monotonic() - started),
        "baseline": baseline,
        "explorers": rows,
        "worst": worst,
    }
    text = markdown(result)
    print(text)
    if not args.no_write:
        RESULTS_JSON.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        RESULTS_MD.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS_MD.relative_to(ROOT)} and {RESULTS_JSON.relative_to(ROOT)}")
    missed = [r["name"] for r in rows if not within_goal(r)]
    if missed:
        print("missed the goal: " + "; ".join(missed), file=sys.stderr)
    return 1 if missed or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
