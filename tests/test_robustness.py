"""Bad input never loses good input: the whole build, through the command line.

- a folder mixing good articles (every format and encoding) with every kind of bad file
  builds the good ones, reports each bad one once, and exits 3;
- outputs are replaced all together or not at all; a second build into the same folder
  is refused while the first holds the lock; a stale lock is taken over;
- hostile article text cannot add markup or script to graph.html, and Turtle stays valid.
"""

from __future__ import annotations

import codecs
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kgraph import cli, reader
from kgraph.namespaces import KG
from kgraph.outputs import LOCK_NAME, OutputBusy, output_lock
from kgraph.pipeline import build
from kgraph.report import (
    EXIT_OK,
    EXIT_SOME_INPUTS_SKIPPED,
    EXIT_USAGE,
    REPORT_FORMAT,
    REPORT_NAME,
)

DATA = Path(__file__).parent / "data" / "inputs"
HAVE_VIZ = importlib.util.find_spec("kgraph.viz") is not None
try:  # the Playwright helper of tests/test_browser.py, when it is there and importable
    from test_browser import Page as BrowserPage
    from test_browser import browser  # noqa: F401 - a fixture, used by name below
except Exception:  # ImportError, or no viz/playwright behind it: the DOM-dump check remains
    BrowserPage = None
NO_HTML = [] if HAVE_VIZ else ["--no-html"]

CP1252_TEXT = ("Manado - Pemerintah Provinsi Sulawesi Utara menerima tawaran kerja sama dari "
               "Konsulat Jenderal Filipina di Manado untuk bidang perikanan dan pariwisata.\n"
               "“Kami menyambut baik tawaran itu,” kata Gubernur Sulawesi Utara Olly Dondokambey "
               "– Jumat.\n")
UTF16_TEXT = ("Yogyakarta - Pemerintah Daerah Daerah Istimewa Yogyakarta dan Pemerintah Kota "
              "Leiden, Belanda, menandatangani nota kesepahaman kerja sama kebudayaan.\n"
              "Gubernur DIY Sri Sultan Hamengku Buwono X mengatakan kerja sama ini memperkuat "
              "pelestarian naskah kuno.\n")
BOM_TEXT = ("Bandar Lampung - Pemerintah Provinsi Lampung dan Kementerian Pertanian menjalin "
            "kerja sama di bidang pertanian.\nKepala Dinas Pertanian Lampung Bani Ispriyanto "
            "mengatakan program ini dimulai tahun depan.\n")

GOOD = {  # file name in the folder -> file_name recorded on the Article
    "kaltim_anhui.html": "kaltim_anhui.html",
    "jateng_jatim.md": "jateng_jatim.md",
    "bali_queensland.txt": "bali_queensland.txt",
    "records.jsonl": ["records.jsonl:1", "records.jsonl:3"],
    "records.csv": ["records.csv:2", "records.csv:5"],
    "enc/sulut_cp1252.txt": "enc/sulut_cp1252.txt",
    "enc/diy_utf16.txt": "enc/diy_utf16.txt",
    "enc/lampung_bom.txt": "enc/lampung_bom.txt",
}
BAD = {  # path in the folder -> kind in build-report.json
    "bad/empty.txt": reader.EMPTY,
    "bad/image.txt": reader.BINARY,
    "bad/huge.txt": reader.TOO_LARGE,
    "bad/secret.txt": reader.UNREADABLE,
    "bad/undecodable.txt": reader.UNDECODABLE,
    "bad/loop.txt": reader.SYMLINK_LOOP,
    "bad/sub/back": reader.SYMLINK_LOOP,
    "bad/nothing.html": reader.NO_TEXT,
}
BAD_RECORDS = {"records.jsonl": [2, 4], "records.csv": [4, 7]}
DUPLICATE = ("copies/bali_again.txt", "bali_queensland.txt")


def make_mixed_folder(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Good articles in every format and encoding, and one file of every bad kind."""
    folder = root / "in"
    shutil.copytree(DATA, folder)
    (folder / "enc").mkdir()
    (folder / "enc" / "sulut_cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (folder / "enc" / "diy_utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    (folder / "enc" / "lampung_bom.txt").write_bytes(codecs.BOM_UTF8 + BOM_TEXT.encode())
    bad = folder / "bad"
    (bad / "sub").mkdir(parents=True)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with open(bad / "huge.txt", "wb") as f:
        f.truncate(reader.MAX_BYTES + 1)
    (bad / "secret.txt").write_text("Rahasia negara.", encoding="utf-8")
    (bad / "undecodable.txt").write_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00")
    (bad / "loop.txt").symlink_to("loop.txt")
    (bad / "sub" / "back").symlink_to("..")
    (bad / "nothing.html").write_text("<html><body><nav>Beranda</nav></body></html>",
                                      encoding="utf-8")
    (folder / "copies").mkdir()
    # the same text as bali_queensland.txt, saved as UTF-16 with Windows line ends
    (folder / "copies" / "bali_again.txt").write_bytes(
        (DATA / "bali_queensland.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
        .encode("utf-16"))
    (folder / "gold.json").write_text("{}", encoding="utf-8")  # not an input format: ignored
    deny_read(monkeypatch, bad / "secret.txt")
    return folder


def deny_read(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make `path` unreadable: chmod 000, and (since root ignores that) a failing open."""
    path.chmod(0)
    real_open = os.open

    def guarded_open(p, *args, **kwargs):
        if os.fspath(p) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(reader.os, "open", guarded_open)


def run_cli(capsys, *argv: str) -> tuple[int, list[str]]:
    code = cli.main(["build", *argv, "-q"])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line]


def leftovers(out: Path) -> list[str]:
    """Hidden files a build must not leave: its lock and temporary files (the extraction
    cache, .kgraph-cache, is meant to stay)."""
    return sorted(p.name for p in out.iterdir()
                  if p.name.startswith(".") and p.name != ".kgraph-cache")


def output_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def graph_articles(g: Graph) -> dict[str, URIRef]:
    return {str(g.value(a, KG.fileName)): a for a in g.subjects(RDF.type, KG.Article)}


# ------------------------------------------------------------------ end to end
def test_mixed_folder_builds_the_good_and_reports_the_bad(tmp_path, capsys, monkeypatch):
    folder = make_mixed_folder(tmp_path, monkeypatch)
    out = tmp_path / "out"
    code, lines = run_cli(capsys, str(folder), "-o", str(out), *NO_HTML)
    assert code == EXIT_SOME_INPUTS_SKIPPED == 3

    # one line per bad file, record and copy: "kgraph: skipped PATH: reason; what to do"
    assert all(line.startswith("kgraph: skipped ") for line in lines), lines
    for rel in BAD:
        mine = [line for line in lines if line.startswith(f"kgraph: skipped {folder / rel}: ")]
        assert len(mine) == 1, (rel, lines)
        assert ";" in mine[0]
    for name, numbers in BAD_RECORDS.items():
        for n in numbers:
            assert sum(line.startswith(f"kgraph: skipped {folder / name}:{n}: ")
                       for line in lines) == 1, (name, n)
    dup, first = DUPLICATE
    assert f"kgraph: skipped {folder / dup}: same text as {folder / first}" in "\n".join(lines)
    assert len(lines) == len(BAD) + sum(map(len, BAD_RECORDS.values())) + 1

    # the report has the same story
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["format"] == REPORT_FORMAT and report["exit_code"] == 3
    skipped = {(Path(s["path"]).relative_to(folder).as_posix(), s["line"]): s["kind"]
               for s in report["skipped"]}
    for rel, kind in BAD.items():
        assert skipped[(rel, None)] == kind, rel
    for name, numbers in BAD_RECORDS.items():
        for n in numbers:
            assert skipped[(name, n)] == reader.BAD_RECORD
    assert all(s["reason"] and "\n" not in s["reason"] for s in report["skipped"])
    assert report["duplicates"] == [{"path": str(folder / dup), "same_as": str(folder / first)}]
    read = {Path(s["path"]).relative_to(folder).as_posix(): s for s in report["read"]}
    assert set(read) == set(GOOD) | {dup}
    assert read["enc/sulut_cp1252.txt"]["encoding"] == "cp1252"
    assert read["enc/diy_utf16.txt"]["encoding"].startswith("utf-16")
    assert read["kaltim_anhui.html"]["format"] == "html"
    counts = report["counts"]
    n_good = sum(len(v) if isinstance(v, list) else 1 for v in GOOD.values())
    assert counts["articles"] == n_good
    assert counts["files_skipped"] == len(BAD)
    assert counts["records_skipped"] == 4 and counts["duplicates"] == 1
    assert counts["ignored_files"] == 1  # gold.json
    assert counts["nodes"]["Article"] == n_good
    assert set(report["seconds"]) >= {"read", "extract", "resolve", "rdf", "serialise", "total"}

    # every good article is in the graph, with something read from it
    g = Graph().parse(out / "graph.ttl", format="turtle")
    articles = graph_articles(g)
    for names in GOOD.values():
        for name in names if isinstance(names, list) else [names]:
            assert name in articles, name
            assert any(g.subjects(KG.mentionedIn, articles[name])), f"nothing read from {name}"
    kaltim = articles["kaltim_anhui.html"]
    assert (kaltim, None, Literal("https://berita.example.id/daerah/kaltim-gandeng-anhui",
                                  datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI"))) \
        in g
    labels = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert {"Anhui", "Konya", "Leiden"} <= labels, "regions of the html/jsonl/utf-16 inputs"
    assert leftovers(out) == []  # no lock, no temporary files
    if HAVE_VIZ:
        assert (out / "graph.html").stat().st_size > 0


def test_all_read_exits_0_even_with_copies(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "bali_queensland.txt", folder / "a.txt")
    shutil.copy(DATA / "bali_queensland.txt", folder / "b.txt")
    out = tmp_path / "out"
    code, lines = run_cli(capsys, str(folder), "-o", str(out), "--no-html")
    assert code == EXIT_OK
    assert lines == [f"kgraph: skipped {folder / 'b.txt'}: same text as {folder / 'a.txt'}; "
                     "built once, nothing to do"]
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["exit_code"] == 0 and report["skipped"] == []


def test_nothing_usable_exits_2_and_keeps_the_previous_graph(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_cli(capsys, str(DATA / "bali_queensland.txt"), "-o", str(out), "--no-html")[0] == 0
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, lines = run_cli(capsys, str(bad), str(tmp_path / "missing"), "-o", str(out),
                          "--no-html")
    assert code == EXIT_USAGE == 2
    assert lines[-1].startswith("kgraph: no article could be read; nothing built")
    assert len(lines) == 4
    assert (out / "graph.ttl").read_bytes() == before
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["exit_code"] == 2 and report["counts"]["articles"] == 0
    assert {s["kind"] for s in report["skipped"]} == {reader.EMPTY, reader.BINARY,
                                                       reader.NOT_FOUND}
    assert "graph.ttl" not in report["outputs"]


def test_exit_codes_agree_with_the_cli():
    assert (cli.EXIT_OK, cli.EXIT_USAGE, cli.EXIT_SOME_INPUTS_SKIPPED) == (0, 2, 3)
    assert (EXIT_OK, EXIT_USAGE, EXIT_SOME_INPUTS_SKIPPED) == (0, 2, 3)


def test_a_text_that_breaks_extraction_is_skipped_not_fatal(tmp_path, capsys, monkeypatch):
    from kgraph import parallel

    real = parallel.extract

    def fragile(doc):
        if "Queensland" in doc.article.text:
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(parallel, "extract", fragile)
    out = tmp_path / "out"
    code, lines = run_cli(capsys, str(DATA), "-o", str(out), "--no-html", "-j", "1",
                          "--no-cache")
    assert code == EXIT_SOME_INPUTS_SKIPPED
    assert any(line.startswith(f"kgraph: skipped {DATA / 'bali_queensland.txt'}: could not "
                               "be processed (RuntimeError: boom)") for line in lines)
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert "kaltim_anhui.html" in graph_articles(g)


# ------------------------------------------------------------------ atomic output
@pytest.fixture
def previous_build(tmp_path):
    out = tmp_path / "out"
    build([DATA / "bali_queensland.txt"], out, html=HAVE_VIZ)
    return out, output_files(out)


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert output_files(out) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("exc", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_failed_serialisation_leaves_previous_output(previous_build, monkeypatch, exc):
    out, before = previous_build

    import pyoxigraph

    def broken(triples, output=None, *args, **kwargs):  # fails halfway through graph.ttl
        output.write(b"@prefix kg: <https://w3id.org/kgraph/ontology#> .\n")
        raise exc

    monkeypatch.setattr(pyoxigraph, "serialize", broken)
    with pytest.raises(type(exc)):
        build([DATA], out, html=HAVE_VIZ)
    _unchanged(out, before)


@pytest.mark.skipif(not HAVE_VIZ, reason="kgraph.viz (graph.html) is not there yet")
def test_failed_html_leaves_previous_output(previous_build, monkeypatch):
    out, before = previous_build
    import kgraph.viz

    def half_written(graph, path, **kwargs):
        Path(path).write_text("<html><body>half", encoding="utf-8")
        raise OSError("no space left on device")

    monkeypatch.setattr(kgraph.viz, "write_html", half_written)
    with pytest.raises(OSError, match="no space"):
        build([DATA], out)
    _unchanged(out, before)  # graph.ttl was rendered but not put in place either


def test_failed_rename_of_report_leaves_no_temp_files(previous_build, monkeypatch):
    out, before = previous_build
    from kgraph import outputs

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(outputs.os, "replace", refuse)
    with pytest.raises(PermissionError):
        build([DATA], out, html=HAVE_VIZ)
    _unchanged(out, before)


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.ttl.abc123.tmp.ttl").write_text("half", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    build([DATA / "bali_queensland.txt"], out, html=False)
    assert leftovers(out) == []
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


# ------------------------------------------------------------------ lock
HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from kgraph.outputs import output_lock
    with output_lock(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.read()
""")


def test_second_build_into_the_same_folder_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        code, lines = run_cli(capsys, str(DATA), "-o", str(out), "--no-html")
        assert code == EXIT_USAGE
        assert lines == [
            f"kgraph: another kgraph build (pid {holder.pid}) is writing to {out}; wait for it "
            f"to finish or use another -o folder (if no build is running, delete "
            f"{out / LOCK_NAME})"]
        assert not (out / "graph.ttl").exists() and not (out / REPORT_NAME).exists()
    finally:
        holder.communicate("", timeout=30)  # releases the lock and ends the holder
    assert run_cli(capsys, str(DATA), "-o", str(out), "--no-html")[0] == EXIT_SOME_INPUTS_SKIPPED
    assert not (out / LOCK_NAME).exists()


def test_lock_is_refused_within_one_process_too(tmp_path):
    out = tmp_path / "out"
    with output_lock(out), pytest.raises(OutputBusy, match=f"pid {os.getpid()}"):
        build([DATA / "bali_queensland.txt"], out, html=False)
    build([DATA / "bali_queensland.txt"], out, html=False)  # free again


def test_stale_lock_of_a_dead_build_is_taken_over(tmp_path, capsys):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename}),
                                 encoding="utf-8")
    code, _ = run_cli(capsys, str(DATA / "bali_queensland.txt"), "-o", str(out), "--no-html")
    assert code == EXIT_OK
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert any(f"pid {dead.pid}" in note for note in report["notes"])
    assert not (out / LOCK_NAME).exists()


# ------------------------------------------------------------------ hostile text
PWN = "window.__pwned=1;document.documentElement.setAttribute('data-pwned','1')"
HOSTILE = [
    f"<script>{PWN}</script>",
    f"<img src=x onerror=\"{PWN}\">",
    f"\"]]></script><script>{PWN}</script><!--",
    f"'\"><svg onload=\"{PWN}\">",
    "</textarea></style></title><b>tebal</b>",
    "\u2028\u2029 <!-- <script> -->",
]


def hostile_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    body = (
        "SAMARINDA - Pemerintah Provinsi Kalimantan Timur dan Pemerintah Provinsi Anhui, "
        f"Tiongkok, menandatangani nota kesepahaman (MoU) {HOSTILE[0]} kerja sama di bidang "
        "industri dan pariwisata.\n"
        f"\"Kerja sama ini {HOSTILE[2]} penting,\" kata Gubernur Kalimantan Timur Isran Noor "
        f"{HOSTILE[1]} di Samarinda.\n"
        f"Kepala Dinas Pariwisata Kaltim Sri Wahyuni{HOSTILE[3]} mengatakan hal serupa.\n"
        f"Dinas {HOSTILE[4]} Kaltim dan PT {HOSTILE[0]} Anhui Motor juga hadir. {HOSTILE[5]}\n")
    (folder / "serangan.txt").write_text(body, encoding="utf-8")
    record = {"title": f"Judul {HOSTILE[0]} {HOSTILE[2]}", "url": "javascript:alert(1)",
              "date": "2024-01-02",
              "text": body.replace("Anhui", "Jiangsu").replace("pariwisata", "pendidikan")}
    (folder / "rekaman.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    name = folder / f"x{HOSTILE[1].replace('/', '')}.txt"  # markup in a file name
    name.write_text(body.replace("Anhui", "Guangxi"), encoding="utf-8")
    return folder


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [(tag, k) for k, _ in attrs if k.startswith("on")]
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse_html(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    if not HAVE_VIZ:
        pytest.skip("kgraph.viz (graph.html) is not there yet")
    root = tmp_path_factory.mktemp("hostile")
    hostile = build([hostile_inputs(root / "in")], root / "out")
    benign = build([DATA / "bali_queensland.txt"], root / "benign")
    return hostile, benign


def test_hostile_text_reaches_the_graph_as_plain_literals(hostile_build):
    hostile, _ = hostile_build
    ttl = hostile.outputs["graph.ttl"]
    g = Graph().parse(ttl, format="turtle")
    literals = " ".join(str(o) for o in g.objects() if isinstance(o, Literal))
    assert f"<script>{PWN}</script>" in literals  # kept as text: we escape, never strip
    assert "javascript:" not in literals  # but a script URL is not kept as the article URL
    assert hostile.exit_code == EXIT_OK


def test_hostile_text_adds_no_markup_or_script_to_graph_html(hostile_build):
    hostile, benign = hostile_build
    page = hostile.outputs["graph.html"].read_text(encoding="utf-8")
    ours = _parse_html(benign.outputs["graph.html"].read_text(encoding="utf-8"))
    got = _parse_html(page)
    assert got.tags == ours.tags  # the same elements, in the same order: nothing injected
    assert got.handlers == ours.handlers == []
    assert len(got.scripts) == len(ours.scripts)
    # the hostile strings are in the page only as JSON data, which parses back to them
    data = next(s for s in got.scripts if s.lstrip().startswith(("{", "[")))
    decoded = json.dumps(json.loads(data), ensure_ascii=False)
    assert "__pwned" in decoded
    outside = re.sub(r"(?is)<script\b.*?</script\s*>", "", page)
    assert "__pwned" not in outside.replace("&lt;", "")  # not as markup outside scripts
    assert re.search(r"(?i)<script", data) is None and "</" not in data


@pytest.mark.browser
@pytest.mark.skipif(BrowserPage is None, reason="tests/test_browser.py's Playwright helper "
                                                "is not available")
def test_hostile_graph_html_runs_nothing_when_every_node_is_opened(hostile_build, request):
    """Playwright + Chromium: open the details of every node (names, quotes, evidence
    sentences reach the DOM there); no injected script or handler ever runs."""
    hostile, _ = hostile_build
    page = BrowserPage(request.getfixturevalue("browser"), hostile.outputs["graph.html"])
    try:
        n = page.js("window.kgraph.nodes.length")
        assert n > 0
        for i in range(n):
            page.js(f"window.kgraph.select({i}, false)")
            assert page.js("document.querySelectorAll('#details script, #details img, "
                           "#details iframe, #details object').length") == 0
            assert page.js("[...document.querySelectorAll('*')].some(e => [...e.attributes]"
                           ".some(a => a.name.startsWith('on')))") is False
        details = page.js("document.body.textContent")
        assert "__pwned" in details or n < 3  # the hostile text is shown, as text
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.js("document.documentElement.hasAttribute('data-pwned')") is False
        assert page.dialogs == []
    finally:
        page.close()


@pytest.mark.browser
def test_hostile_graph_html_runs_nothing_in_chromium(hostile_build, tmp_path):
    """Headless Chromium loads the page (its own scripts run and fill #summary) and no
    injected handler or script runs (it would set data-pwned on <html>)."""
    chromium = next((shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome")
                     if shutil.which(c)), None)
    if chromium is None:
        pytest.skip("no Chromium; the static check above still ran")
    hostile, _ = hostile_build
    page = hostile.outputs["graph.html"]
    try:
        dom = subprocess.run(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=90, check=False).stdout
    except subprocess.TimeoutExpired:
        pytest.skip("Chromium did not answer in time")
    if "<html" not in dom:
        pytest.skip("Chromium gave no DOM (sandbox/display problem)")
    assert 'data-pwned="1"' not in dom
    summary = re.search(r'<p id="summary"[^>]*>([^<]*)<', dom)
    assert summary is None or summary.group(1).strip(), "the page's own script did not run"


def test_hostile_turtle_is_valid_for_another_parser(hostile_build):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    hostile, _ = hostile_build
    data = hostile.outputs["graph.ttl"].read_bytes()
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == hostile.triples
    rapper = shutil.which("rapper")
    if rapper:
        ttl = str(hostile.outputs["graph.ttl"])
        res = subprocess.run([rapper, "-q", "-i", "turtle", "-c", ttl],
                             capture_output=True, text=True, timeout=120, check=False)
        assert res.returncode == 0, res.stderr[-2000:]


def test_an_output_folder_inside_the_inputs_is_not_read(tmp_path, capsys):
    folder = tmp_path / "corpus"
    shutil.copytree(DATA, folder)
    out = folder / "output"
    assert run_cli(capsys, str(folder), "-o", str(out), "--no-html")[0] == 3
    (out / "graph.html").write_text("<html><body><article><p>" + "Kata kata. " * 50
                                    + "</p></article></body></html>", encoding="utf-8")
    assert run_cli(capsys, str(folder), "-o", str(out), "--no-html")[0] == 3
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert not any("output" in Path(s["path"]).parts for s in report["read"])


def test_output_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    code, lines = run_cli(capsys, str(DATA), "-o", str(target), "--no-html")
    assert code == EXIT_USAGE
    assert lines == [f"kgraph: output folder {target} is a file; give a folder with -o"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_file_name_that_is_not_utf8(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"berita-\xff\xfe.txt")
    with open(odd, "wb") as f:
        f.write((DATA / "bali_queensland.txt").read_bytes())
    with open(os.path.join(os.fsencode(folder), b"kosong-\xff.txt"), "wb"):
        pass
    out = tmp_path / "out"
    code, lines = run_cli(capsys, str(folder), "-o", str(out), "--no-html")
    assert code == EXIT_SOME_INPUTS_SKIPPED and len(lines) == 1, lines
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["counts"]["articles"] == 1 and len(report["skipped"]) == 1
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph_articles(g)) == 1
