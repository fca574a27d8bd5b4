"""The two pages for a room, served by Voilà and opened in headless Chromium.

- ``pages/playground.ipynb``: the playground alone, for a projector: no code, no exercise, no
  text meant for learners or teachers; the sliders move its figure.
- ``notebooks/12-lecture.ipynb``: the lecture as slides (its metadata asks Voilà for the reveal
  template): one slide per stop, the arrow key moves on, and its sliders stay live.

The slides' styling and the reveal.js library come from the unpkg.com CDN, which this machine
cannot reach: the library is served from Voilà's own copy (``templates/base/static/reveal.js``),
the styling is left out. Skips without Chromium, except in CI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools import browser as lab_browser

ROOT = Path(__file__).resolve().parents[1]
VOILA_REVEAL = Path(sys.prefix) / "share/jupyter/voila/templates/base/static/reveal.js"

#: What a page for the room must not show: exercises, and text for learners or teachers.
NOT_FOR_THE_ROOM = ("Replace None", "check(", "answer_", "lecture mode", "Voilà", "import ")

WIDGETS_JS = """() => ({
  sliders: document.querySelectorAll('.widget-slider').length,
  images: [...document.querySelectorAll('.widget-image')].filter(i => i.naturalWidth > 0).length,
  code: document.querySelectorAll('.jp-CodeMirrorEditor, .cm-editor').length,
  errors: [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr'
              || o.innerText.includes('Traceback')).length,
})"""


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà serving the repository (read only: Voilà never saves a notebook)."""
    reason = lab_browser.missing_browser()
    if reason:
        lab_browser.unavailable(reason)
    port = lab_browser.free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", str(ROOT)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # the server answers
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Voilà did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def open_page(chromium, url: str):
    page = chromium.new_page()
    page.route(
        "https://unpkg.com/reveal.js@*/dist/reveal.js",
        lambda route: route.fulfill(path=str(VOILA_REVEAL), content_type="text/javascript"),
    )
    page.route("https://**", lambda route: route.abort())  # nothing else from outside
    page.goto(url, timeout=240_000)
    # Voilà runs every cell before it shows the page; the widgets then render
    page.wait_for_function(
        "() => document.querySelectorAll('.widget-image').length > 0"
        " && [...document.querySelectorAll('.widget-image')].every(i => i.naturalWidth > 0)",
        timeout=240_000,
        polling=250,
    )
    return page


def moves_its_figure(page, slider_index: int = 0) -> bool:
    """Press an arrow key on a visible slider; whether a picture of the page changes."""
    images = page.locator(".widget-image")
    before = [images.nth(i).get_attribute("src") for i in range(images.count())]
    handle = page.locator(".widget-slider:visible .noUi-handle").nth(slider_index)
    handle.focus()
    page.keyboard.press("ArrowRight")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = [images.nth(i).get_attribute("src") for i in range(images.count())]
        if now != before:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_the_playground_page_shows_only_the_playground(voila, chromium):
    page = open_page(chromium, f"{voila}/voila/render/pages/playground.ipynb")
    try:
        state = page.evaluate(WIDGETS_JS)
        assert state["images"] == 2, state  # the playground and the softmax panel
        assert state["sliders"] >= 4 and state["code"] == 0 and state["errors"] == 0, state
        text = page.inner_text("body")
        shown = [words for words in NOT_FOR_THE_ROOM if words in text]
        assert not shown, f"the page shows text that is not for the room: {shown}"
        assert moves_its_figure(page), "a slider of the playground page does not move its figure"
    finally:
        page.close()


@pytest.mark.slow
def test_the_lecture_runs_as_slides_with_live_sliders(voila, chromium):
    page = open_page(chromium, f"{voila}/voila/render/notebooks/12-lecture.ipynb")
    try:
        slides = page.locator(".reveal .slides > section")
        assert slides.count() >= 9, "one slide per stop, and the title"  # 8 stops + title
        state = page.evaluate(WIDGETS_JS)
        assert state["code"] == 0 and state["errors"] == 0, state
        title = page.locator(".reveal section.present").first.inner_text()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "t => document.querySelector('.reveal section.present').innerText !== t",
            arg=title,
            timeout=10_000,
        )
        for _ in range(12):  # on to the first stop with a slider
            if page.locator(".widget-slider:visible").count():
                break
            page.keyboard.press("ArrowRight")
            time.sleep(0.3)
        assert moves_its_figure(page), "a slider of the lecture does not move its figure"
    finally:
        page.close()
