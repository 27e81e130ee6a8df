"""Open a generated page in headless Chromium: for the browser tests, the scale bench and
the docs screenshot, so all three see the page exactly the same way.

Playwright's own browser download does not work here, so this drives the system
Chromium (Debian's `chromium`). Every request that is not `file:`, `data:`, `blob:` or
`about:` is aborted and recorded, which makes "works offline" a checked property.
Playwright is a test dependency: it is imported only when a browser is launched.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def find_chromium() -> str | None:
    """The Chromium to use: $KG_CHROMIUM, else `chromium` on PATH, else None."""
    candidate = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    if candidate is None and Path("/usr/bin/chromium").exists():
        candidate = "/usr/bin/chromium"
    return candidate


@dataclass
class PageRun:
    """An opened page and what it did: console errors, dialogs, off-file requests."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    load_seconds: float = 0.0  # navigation start → page reports `ready`


@contextmanager
def chromium(executable: str | None = None) -> Iterator[Any]:
    """A headless Chromium browser, closed on exit."""
    from playwright.sync_api import sync_playwright

    path = executable or find_chromium()
    if path is None:
        raise RuntimeError("no chromium found: install Debian's `chromium` or set KG_CHROMIUM")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=list(CHROMIUM_FLAGS))
        try:
            yield browser
        finally:
            browser.close()


def open_graph(
    browser: Any,
    html: Path,
    *,
    width: int = 1600,
    height: int = 1000,
    timeout_ms: int = 60_000,
) -> PageRun:
    """Open a `kg viz` page and wait until its layout has settled."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    run = PageRun(page)

    def on_request(request: Any) -> None:
        if not request.url.startswith(LOCAL_SCHEMES):
            run.external.append(request.url)

    def on_route(route: Any) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            run.external.append(route.request.url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        run.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", on_route)
    page.on("request", on_request)
    page.on("websocket", lambda ws: run.external.append(ws.url))
    page.on("console", lambda msg: msg.type == "error" and run.errors.append(msg.text))
    page.on("pageerror", lambda exc: run.errors.append(f"pageerror: {exc}"))
    page.on("dialog", on_dialog)
    start = time.perf_counter()
    page.goto(html.resolve().as_uri())
    page.wait_for_function(
        "() => window.kgViz && window.kgViz.ready === true", timeout=timeout_ms, polling=50
    )
    run.load_seconds = time.perf_counter() - start
    return run


def screenshot(
    html: Path, png: Path, *, browser: Any = None, width: int = 1600, height: int = 1000
) -> Path:
    """A PNG of the page as it first opens (used for docs/graph.png).

    Pass `browser` when one is already running: Playwright's sync API allows only one
    per thread.
    """
    if browser is None:
        with chromium() as launched:
            return screenshot(html, png, browser=launched, width=width, height=height)
    run = open_graph(browser, html, width=width, height=height)
    try:
        run.page.wait_for_timeout(300)  # let the fitted view draw
        png.parent.mkdir(parents=True, exist_ok=True)
        run.page.screenshot(path=str(png))
    finally:
        run.page.context.close()
    if run.errors or run.external:
        raise RuntimeError(f"page reported problems: {run.errors + run.external}")
    return png
