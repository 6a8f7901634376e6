"""graph.html in headless Chromium with the network off: renders, searches, filters, escapes.

Uses the system Chromium (Debian `chromium`, installed by scripts/system-deps.sh) through
the `playwright` package; never downloads a browser. Skipped, with the reason, when either
is missing. A screenshot of the seeds graph is saved under tests/_artifacts/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.viz import write_html
from test_viz import HOSTILE, hostile_graph

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "_artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
    chromium = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not chromium:
        pytest.skip("no Chromium at /usr/bin/chromium (run scripts/system-deps.sh as root)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        except Exception as exc:  # a broken browser install is a skip reason, not a failure
            pytest.skip(f"Chromium does not start: {exc}")
        yield b
        b.close()


class Page:
    """A page opened from disk, offline, recording console errors and every request."""

    def __init__(self, browser, path: Path) -> None:
        self.ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        # a selector, not wait_for_function: the page's CSP forbids the eval it would use
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture(scope="module")
def seeds(browser, seeds_build) -> Iterator[Page]:
    page = Page(browser, seeds_build.outputs["graph.html"])
    yield page
    page.close()


def test_renders_offline_with_every_node(seeds, seeds_build):
    assert seeds.js("document.querySelectorAll('#graph canvas').length") == 1
    assert seeds.js("window.kgraph.nodes.length") == sum(seeds_build.counts.values())
    assert seeds.js("window.kgraph.nodeView.length") == seeds.js("window.kgraph.nodes.length")
    assert seeds.js("window.kgraph.edges.length") > 0
    assert [u for u in seeds.requests if not u.startswith("file:")] == []
    assert seeds.errors == []


def test_search_focuses_a_node_by_name_and_by_alias(seeds):
    details = seeds.js("window.kgraph.data.details")
    classes = [c["key"] for c in seeds.js("window.kgraph.data.classes")]
    rows = seeds.js("window.kgraph.data.nodes")
    target = next(i for i, r in enumerate(rows) if classes[r[1]] == "Province")
    name = details[target]["name"]
    seeds.page.fill("#search", name)
    seeds.page.wait_for_selector("#suggest li")
    seeds.page.keyboard.press("Enter")
    assert seeds.js("window.kgraph.network.getSelectedNodes()") == [target]
    assert seeds.js("window.kgraph.selected") == target
    assert seeds.page.is_visible("#details")
    assert name in seeds.page.inner_text("#details h3")
    ARTIFACTS.mkdir(exist_ok=True)
    seeds.page.wait_for_timeout(600)  # let the focus animation finish for the picture
    seeds.page.screenshot(path=str(ARTIFACTS / "graph-seeds.png"))

    everyone = {n.casefold() for d in details for n in (d["name"], d.get("en") or "")}
    alias_of = next(((i, a) for i, d in enumerate(details) for a in d.get("alt", [])
                     if a.casefold() not in everyone and len(a) > 3), None)
    if alias_of:
        i, alias = alias_of
        seeds.page.fill("#search", alias)
        seeds.page.wait_for_selector("#suggest li")
        seeds.page.keyboard.press("Enter")
        assert seeds.js("window.kgraph.selected") == i
    assert seeds.errors == []


def test_filters_hide_and_show(seeds, seeds_build):
    total = seeds.js("window.kgraph.nodes.length")
    seeds.page.check("#hide-articles")
    assert seeds.js("window.kgraph.nodeView.length") == total - seeds_build.counts["Article"]
    seeds.page.uncheck("#hide-articles")
    first = seeds.page.locator("#legend-classes input").first
    first.uncheck()
    assert seeds.js("window.kgraph.nodeView.length") < total
    seeds.page.click("#all-classes")
    assert seeds.js("window.kgraph.nodeView.length") == total
    sectors = seeds.page.locator("#sector option")
    if sectors.count() > 1:
        seeds.page.select_option("#sector", index=1)
        assert 1 < seeds.js("window.kgraph.nodeView.length") < total
        seeds.page.select_option("#sector", value="")
    assert seeds.js("window.kgraph.nodeView.length") == total
    seeds.page.check("#edge-labels")
    seeds.page.uncheck("#edge-labels")
    seeds.js("window.kgraph.select(0, true)")
    seeds.page.click("#details .close")
    assert seeds.js("window.kgraph.selected") is None and not seeds.page.is_visible("#details")
    assert seeds.errors == []


def test_hostile_text_shows_as_text(browser, tmp_path):
    page = Page(browser, write_html(hostile_graph(), tmp_path / "hostile.html"))
    try:
        for i in range(page.js("window.kgraph.nodes.length")):
            page.js(f"window.kgraph.select({i}, false)")
            assert page.js("document.querySelectorAll('#details script, #details img').length") == 0
        page.js("window.kgraph.select(window.kgraph.data.details.findIndex("
                "d => d.name.startsWith('Prov')), false)")
        text = page.page.inner_text("#details")
        assert "<script>window.__pwned=1</script>" in text
        assert page.js("document.querySelectorAll('#details mark').length") >= 1
        assert HOSTILE.split("<!--")[0] in page.js("document.getElementById('details').textContent")
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.dialogs == [] and page.errors == []
    finally:
        page.close()
