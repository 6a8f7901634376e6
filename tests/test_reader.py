"""kgraph.reader: formats, encodings and bad files, one file at a time.

Odd bytes (encodings, binary, oversized, links) are generated in tmp_path; the good
articles in several formats live in tests/data/inputs/.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from kgraph import reader
from kgraph.reader import (
    BAD_RECORD,
    BINARY,
    EMPTY,
    NO_TEXT,
    NOT_A_FILE,
    NOT_FOUND,
    SYMLINK_LOOP,
    TOO_LARGE,
    UNDECODABLE,
    UNREADABLE,
    InputError,
    InputFile,
    ReadLog,
    decode_with_encoding,
    find_inputs,
    iso_date,
    iter_articles,
    make_article,
    markdown_to_text,
    read_all,
    read_article,
    read_file,
)

DATA = Path(__file__).parent / "data" / "inputs"

TEXT = ("Samarinda (ANTARA) - Pemerintah Provinsi Kalimantan Timur menandatangani nota "
        "kesepahaman dengan Pemerintah Provinsi Anhui, Tiongkok.\n“Kerja sama ini penting "
        "bagi daerah,” kata Gubernur Kaltim di Samarinda, Kamis. Café résumé — naïve.\n")


def write(tmp_path: Path, name: str, data: bytes | str) -> InputFile:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return InputFile(p, tmp_path)


def error_of(item: InputFile) -> InputError:
    with pytest.raises(InputError) as info:
        read_file(item)
    err = info.value
    text = str(err)
    assert "\n" not in text and text.startswith(str(item.path)), text
    assert ";" in err.reason, f"no 'what to do' part: {text}"
    return err


# ------------------------------------------------------------------ encodings
@pytest.mark.parametrize("encoding, data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16 LE BOM", TEXT.encode("utf-16")),  # Python writes the BOM, native order (LE)
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf-16 LE no BOM", TEXT.encode("utf-16-le")),
    ("utf-32 BOM", TEXT.encode("utf-32")),
    ("cp1252", TEXT.encode("cp1252")),
    ("CRLF", TEXT.replace("\n", "\r\n").encode("utf-8")),
])
def test_every_encoding_gives_the_same_text(tmp_path, encoding, data):
    article = read_article(write(tmp_path, "a.txt", data))
    assert article.text == TEXT
    assert not article.text.startswith("\ufeff")


def test_latin1_is_read_as_western_text(tmp_path):
    text = "Kerja sama Provinsi Bali dengan Café Müller di bidang pariwisata. " * 3
    got = read_file(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert got.articles[0].text == text
    assert got.source.encoding == "cp1252"


def test_decoded_encoding_is_reported(tmp_path):
    got = read_file(write(tmp_path, "a.txt", TEXT.encode("utf-16")))
    assert got.source.encoding.startswith("utf-16")
    assert got.source.format == "text"
    assert got.source.bytes == len(TEXT.encode("utf-16"))


def test_decomposed_unicode_is_composed(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Cafe\u0301 di Bali.\n"))
    assert article.text == "Café di Bali.\n"


# ------------------------------------------------------------------ bad files
def test_empty_and_blank_files(tmp_path):
    for name, data in [("empty.txt", b""), ("blank.txt", b" \n\t\r\n"),
                       ("bom-only.txt", codecs.BOM_UTF8 + b"\n"),
                       ("utf16-blank.txt", "   \n".encode("utf-16"))]:
        assert error_of(write(tmp_path, name, data)).kind == EMPTY, name


@pytest.mark.parametrize("data, word", [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04" + bytes(100), "ZIP"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "program"),
    (bytes(range(256)) * 4, "NUL"),
    (b"abc\x00def" * 50, "NUL"),
    (b"".join(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) for _ in range(50)), "control"),
])
def test_binary_files_are_refused(tmp_path, data, word):
    err = error_of(write(tmp_path, "x.txt", data))
    assert err.kind == BINARY
    assert word in err.reason


def test_undecodable_utf16(tmp_path):
    # A UTF-16 byte order mark, then a lone high surrogate: not valid UTF-16.
    err = error_of(write(tmp_path, "bad.txt", codecs.BOM_UTF16_LE + "ab".encode("utf-16-le")
                         + b"\x00\xd8" + "cd".encode("utf-16-le")))
    assert err.kind == UNDECODABLE
    assert "UTF-16" in err.reason and "UTF-8" in err.reason


def test_undecodable_8bit_bytes(tmp_path):
    err = error_of(write(tmp_path, "bad.txt", bytes(range(128, 256)) * 2))
    assert err.kind in (UNDECODABLE, BINARY)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:
        f.truncate(reader.MAX_BYTES + 1)  # sparse: nothing is written to disk
    calls = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda *a: calls.append(a) or real_read(*a))
    err = error_of(InputFile(p, tmp_path))
    assert err.kind == TOO_LARGE
    assert "5 MiB" in err.reason and "split" in err.reason


def test_size_limit_is_a_module_setting(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    assert error_of(write(tmp_path, "a.txt", "kata " * 30)).kind == TOO_LARGE
    assert read_article(write(tmp_path, "b.txt", "kata " * 10)).text


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    item = write(tmp_path, "secret.txt", TEXT)
    item.path.chmod(0)
    try:
        err = error_of(item)
    finally:
        item.path.chmod(0o644)
    assert err.kind == UNREADABLE and "permission" in err.reason


def test_permission_error_is_reported(tmp_path, monkeypatch):
    item = write(tmp_path, "secret.txt", TEXT)
    real_open = os.open

    def deny(path, *args, **kwargs):
        if Path(path) == item.path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    err = error_of(item)
    assert err.kind == UNREADABLE
    assert "permission denied" in err.reason and "chmod" in err.reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loops_and_broken_links(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(TEXT, encoding="utf-8")
    (root / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    (root / "broken.txt").symlink_to("nowhere.txt")
    (root / "sub").mkdir()
    (root / "sub" / "back").symlink_to("..")  # a folder loop
    log = ReadLog()
    articles = list(iter_articles([root], log))
    assert [a.file_name for a in articles] == ["good.txt"]
    kinds = {Path(e.path).name: e.kind for e in log.errors}
    assert kinds["loop.txt"] == kinds["a.txt"] == kinds["b.txt"] == SYMLINK_LOOP
    assert kinds["broken.txt"] == NOT_FOUND
    assert kinds["back"] == SYMLINK_LOOP
    back = next(e for e in log.errors if e.path.endswith("back"))
    assert "loop" in back.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert error_of(InputFile(fifo, tmp_path)).kind == NOT_A_FILE


def test_missing_path(tmp_path):
    files, errors = find_inputs([tmp_path / "nope"])
    assert files == [] and errors[0].kind == NOT_FOUND
    assert str(errors[0]).endswith("no such file or folder; check the path")


def test_duplicates_are_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(TEXT.encode("utf-16"))  # same text, other encoding
    (tmp_path / "c.txt").write_text(TEXT.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(TEXT + " lain", encoding="utf-8")
    articles, log = read_all([tmp_path])
    assert [a.file_name for a in articles] == ["a.txt", "d.txt"]
    assert [(Path(d).name, Path(f).name) for d, f in log.duplicates] == [("b.txt", "a.txt"),
                                                                         ("c.txt", "a.txt")]
    assert log.errors == []


def test_folder_is_read_recursively_for_every_format(tmp_path):
    shutil.copytree(DATA, tmp_path / "in")
    (tmp_path / "in" / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "in" / "deep" / "deeper" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "gold.json").write_text("{}", encoding="utf-8")  # not an input
    (tmp_path / "in" / ".hidden.txt").write_text("rahasia", encoding="utf-8")
    log = ReadLog()
    articles = list(iter_articles([tmp_path / "in"], log))
    formats = {s.format for s in log.sources}
    assert formats == {"text", "markdown", "html", "jsonl", "csv"}
    assert "deep/deeper/x.txt" in {a.file_name for a in articles}
    assert log.ignored == 1
    assert not any("hidden" in a.file_name for a in articles)


# ------------------------------------------------------------------ HTML
@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_page_text_and_metadata(no_network):
    got = read_file(InputFile(DATA / "kaltim_anhui.html", DATA))
    (article,) = got.articles
    assert got.source.format == "html"
    assert article.title == "Kaltim Gandeng Provinsi Anhui Perkuat Industri dan Perdagangan"
    assert article.date == "2024-03-14"
    assert article.url == "https://berita.example.id/daerah/kaltim-gandeng-anhui"  # canonical
    assert "Pemerintah Provinsi Anhui" in article.text
    for junk in ("Beranda", "Olahraga", "Terpopuler", "Harga cabai", "dataLayer", "<p>",
                 "Hak cipta"):
        assert junk not in article.text, junk


def test_html_og_url_when_no_canonical(tmp_path, no_network):
    page = (DATA / "kaltim_anhui.html").read_text(encoding="utf-8")
    page = page.replace('<link rel="canonical" href="https://berita.example.id/daerah/'
                        'kaltim-gandeng-anhui">', "")
    article = read_article(write(tmp_path, "p.htm", page))
    assert article.url == "https://berita.example.id/amp/kaltim-gandeng-anhui"


def test_html_in_another_encoding(tmp_path, no_network):
    page = (DATA / "kaltim_anhui.html").read_text(encoding="utf-8").replace(
        "utf-8", "windows-1252").replace("kerja sama", "“kerja sama”")
    article = read_article(write(tmp_path, "p.html", page.encode("cp1252")))
    assert "“kerja sama”" in article.text


def test_html_saved_as_txt_is_read_as_html(tmp_path, no_network):
    page = (DATA / "kaltim_anhui.html").read_text(encoding="utf-8")
    got = read_file(write(tmp_path, "page.txt", page))
    assert got.source.format == "html"
    assert "<p>" not in got.articles[0].text


def test_html_without_text(tmp_path, no_network):
    err = error_of(write(tmp_path, "p.html", "<html><head><title>Kosong</title></head>"
                                             "<body><nav>menu</nav></body></html>"))
    assert err.kind in (NO_TEXT, EMPTY)


def test_html_hostile_url_is_dropped(tmp_path, no_network):
    page = ('<html><head><link rel="canonical" href="javascript:alert(1)"><title>T</title>'
            "</head><body><article><p>" + "Pemerintah Provinsi Bali bekerja sama. " * 20
            + "</p></article></body></html>")
    assert read_article(write(tmp_path, "p.html", page)).url is None


# ------------------------------------------------------------------ JSONL and CSV
def test_jsonl_records_and_bad_lines():
    got = read_file(InputFile(DATA / "records.jsonl", DATA))
    assert [a.file_name for a in got.articles] == ["records.jsonl:1", "records.jsonl:3"]
    first, second = got.articles
    assert first.title == "Sumbar Teken LoI dengan Provinsi Konya"
    assert first.date == "2023-10-12" and first.url == "https://padek.example.id/sumbar-konya"
    assert second.date == "2023-08-14"  # "14 Agustus 2023"
    assert [(e.line, e.kind) for e in got.errors] == [(2, BAD_RECORD), (4, BAD_RECORD)]
    assert str(got.errors[0]).startswith(f"{DATA / 'records.jsonl'}:2: not valid JSON")
    assert got.source.articles == 2


def test_jsonl_odd_records(tmp_path):
    lines = [
        json.dumps({"text": "Pemprov Bali dan Queensland bekerja sama. \ud800 akhir"}),
        "[1, 2, 3]",
        json.dumps({"text": 42}),
        json.dumps({"content": "Kabupaten Banyuwangi menjalin kerja sama wisata.",
                    "date": "bukan tanggal", "url": "ftp://x", "title": ["x"]}),
        "",
        "   ",
    ]
    got = read_file(write(tmp_path, "x.jsonl", "\n".join(lines) + "\n"))
    assert [e.line for e in got.errors] == [2, 3]
    a, b = got.articles
    assert "\ufffd" in a.text and "\ud800" not in a.text  # a lone surrogate from \ud800
    a.text.encode("utf-8")
    assert b.text.startswith("Kabupaten Banyuwangi")
    assert (b.date, b.url, b.title) == (None, None, None)


def test_jsonl_without_records(tmp_path):
    assert error_of(write(tmp_path, "x.jsonl", "\n\n  \n")).kind == EMPTY


def test_csv_records_and_bad_rows():
    got = read_file(InputFile(DATA / "records.csv", DATA))
    assert [a.file_name for a in got.articles] == ["records.csv:2", "records.csv:5"]
    medan = got.articles[0]
    assert medan.date == "2024-05-22" and medan.title.startswith("Pemkot Medan")
    assert "\n" in medan.text  # a quoted multi-line field
    assert [(e.line, e.kind) for e in got.errors] == [(4, BAD_RECORD), (7, BAD_RECORD)]
    assert "5 fields" in got.errors[1].reason


def test_csv_semicolons_tsv_and_missing_text_column(tmp_path):
    got = read_file(write(tmp_path, "a.csv", "Title;Text\nJudul;Pemprov Bali bekerja sama.\n"))
    assert got.articles[0].title == "Judul"
    got = read_file(write(tmp_path, "a.tsv", "text\turl\nPemprov Bali bekerja sama.\thttp://x.id/a\n"))
    assert got.articles[0].url == "http://x.id/a"
    err = error_of(write(tmp_path, "b.csv", "judul,isi\nA,B\n"))
    assert err.kind == BAD_RECORD and err.line == 1 and "text" in err.reason


def test_csv_long_field(tmp_path):
    text = "Pemprov Bali bekerja sama dengan Queensland. " * 5000  # > csv's default limit
    got = read_file(write(tmp_path, "a.csv", f'text\n"{text}"\n'))
    assert got.articles[0].text == text


# ------------------------------------------------------------------ markdown
def test_markdown_fixture():
    article = read_article(InputFile(DATA / "jateng_jatim.md", DATA))
    assert article.title == "Jateng dan Jatim Teken MoU Perdagangan dan Ketahanan Pangan"
    text = article.text
    assert text.startswith(article.title + "\n\n")
    for mark in ("**", "](", "![", "```", "# ", "> ", "- perdagangan", "kode_tidak_dibaca"):
        assert mark not in text, mark
    assert "resmi menandatangani nota kesepahaman (MoU) kerja sama" in text  # wrapped lines
    assert "di Gedung Negara Grahadi, Kota Surabaya." in text


def test_markdown_details():
    md = ("---\ntitle: \"Judul dari front matter\"\ndate: 2024-02-03\nurl: https://x.id/a\n---\n"
          "Setext bukan judul\n==================\n\n"
          "Teks dengan `kode`, __tebal__, _miring_, ~~coret~~, \\*bintang\\* dan "
          "[tautan][1] serta <https://x.id> dan <span class='a'>html</span> &amp; entitas.\n\n"
          "| kolom a | kolom b |\n|---|---|\n| satu | dua |\n\n"
          "***\n\n[1]: https://x.id/ref\n")
    body, meta = markdown_to_text(md)
    assert meta == {"title": "Judul dari front matter", "date": "2024-02-03",
                    "url": "https://x.id/a"}
    assert body.startswith("Setext bukan judul\n\n")
    assert ("Teks dengan kode, tebal, miring, coret, *bintang* dan tautan serta https://x.id "
            "dan html & entitas.") in body
    assert "satu dua" in body
    assert "x.id/ref" not in body and "---" not in body and "***" not in body


def test_markdown_setext_title_and_no_title():
    assert markdown_to_text("Judul Berita\n===\n\nIsi berita.\n")[1]["title"] == "Judul Berita"
    assert "title" not in markdown_to_text("Isi berita saja.\n\n# Bukan judul di akhir\n")[1]


def test_markdown_without_prose(tmp_path):
    assert error_of(write(tmp_path, "a.md", "```\nkode\n```\n![](x.png)\n")).kind == NO_TEXT


# ------------------------------------------------------------------ small pieces
@pytest.mark.parametrize("value, iso", [
    ("2024-03-14", "2024-03-14"), ("2024-03-14T09:30:00+08:00", "2024-03-14"),
    ("2024-3", "2024-03"), ("2024", "2024"), ("14 Maret 2024", "2024-03-14"),
    ("Kamis, 14 Maret 2024", "2024-03-14"), ("14/03/2024", "2024-03-14"),
    ("1 Nopember 2023", "2023-11-01"), ("31 Februari 2024", None), ("2024-13-01", None),
    ("kemarin", None), ("", None), (None, None), (20240314, None),
])
def test_iso_date(value, iso):
    assert iso_date(value) == iso


def test_make_article_is_stable_and_safe(tmp_path):
    a = make_article("Teks \ud83d satu", tmp_path / "x\udcff.txt", tmp_path)
    a.text.encode("utf-8")
    a.file_name.encode("utf-8")
    assert a.article_id.startswith("x-")
    b = make_article("Teks \ufffd satu", tmp_path / "x.txt", tmp_path)
    assert a.sha256 == b.sha256 and a.article_id == b.article_id


def test_decode_with_encoding_names():
    assert decode_with_encoding(b"abc", "p") == ("abc", "utf-8")
    assert decode_with_encoding(codecs.BOM_UTF8 + b"abc", "p") == ("abc", "utf-8 (BOM)")


def test_a_reader_bug_on_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Judul\n\nIsi berita.\n", encoding="utf-8")

    def broken(md):
        raise IndexError("oops")

    monkeypatch.setattr(reader, "markdown_to_text", broken)
    articles, log = read_all([tmp_path])
    assert [a.file_name for a in articles] == ["a.txt"]
    (err,) = log.errors
    assert err.kind == "internal-error" and "IndexError: oops" in err.reason


# ------------------------------------------------------------------ fast paths
# The reader skips work for the usual input (small ASCII/UTF-8 .txt files); these pin the
# shortcuts to the general definitions they stand in for.
def _slow_content_key(text: str) -> str:
    import hashlib
    import unicodedata

    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


@pytest.mark.parametrize("text", [
    "", " ", "a", "  a  b  ", "a\n\nb\r\n c\t\td\x0b\x0ce", "a\x1cb\x1dc\x1e d\x1f",
    "a\x85b\xa0c\u2003d\u3000e", "Café  résumé\n\n naïve", "Cafe\u0301 x", "a \ud800 b",
    "x" + " " * 9 + "y", "\n".join(["kata"] * 50) + "\n\n\n", TEXT,
])
def test_content_key_is_nfc_text_with_white_space_collapsed(text):
    assert reader.content_key(text) == _slow_content_key(text)


def test_non_ascii_white_space_pattern_is_every_unicode_space():
    import sys

    spaces = {c for c in range(128, sys.maxunicode + 1) if chr(c).isspace()}
    assert {c for c in range(128, sys.maxunicode + 1)
            if reader._NON_ASCII_SPACE.match(chr(c))} == spaces
    assert all(reader._WHITE_TO_SPACE[i] == (0x20 if chr(i).isspace() else i)
               for i in range(128))


@pytest.mark.parametrize("data", [
    b"plain text", b"with \x01 control", b"bad \xef\xbf\xbd char", b"\x01" * 20 + b"abc",
    b"PK not a zip", b"%PD", b"GIF7 text", b"\xff\xfeh\x00i\x00", b"\xef\xbb\xbfbom",
    b"caf\xe9 latin-1", b"x",
])
def test_decoding_shortcuts_change_nothing(data):
    def slow(data: bytes) -> tuple[str, str]:  # the checks without the shortcuts
        for bom, codec, _ in reader._BOMS:
            if data.startswith(bom):
                return data[len(bom):].decode(codec), f"{codec} (BOM)"
        for magic, _ in reader._MAGIC:
            if data.startswith(magic):
                raise InputError("p", "magic", BINARY)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = reader._detect(data, "p")
        controls = len(reader._CONTROL.findall(text[:65536]))
        if controls > max(8, len(text[:65536]) // 20):
            raise InputError("p", "controls", BINARY)
        return text, encoding

    try:
        want: object = slow(data)
    except InputError as err:
        want = err.kind
    try:
        got: object = decode_with_encoding(data, "p")
    except InputError as err:
        got = err.kind
    assert got == want
    assert all(len(seq) >= 2 for seq, *_ in reader._BOMS + reader._MAGIC)  # _LEADS is 2 bytes


def test_normalise_text_shortcuts():
    import unicodedata

    for text in ["abc\r\nd\re", "Cafe\u0301\r\n", "a\ud800b", "plain"]:
        want = unicodedata.normalize("NFC", reader._SURROGATE.sub("\ufffd", text)
                                     .replace("\r\n", "\n").replace("\r", "\n"))
        assert reader.normalise_text(text) == want


def test_files_are_read_whole_whatever_fstat_says(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_bytes(b"kata " * 30000)  # more than one read's worth
    real_fstat = os.fstat

    def small(fd):  # a file that grew after fstat, or a file system that reports 0
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid,
                               st.st_gid, 10, st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(os, "fstat", small)
    assert reader.read_bytes(p) == b"kata " * 30000
    with pytest.raises(InputError) as err:  # it grew past the limit while being read
        reader.read_bytes(p, 1000)
    assert err.value.kind == TOO_LARGE and "over the" in err.value.reason


def test_folder_order_is_path_order(tmp_path):
    names = ["a-b/x.txt", "a/b.txt", "a/c/d.txt", "a/e.txt", "a.b/y.txt", "a b/z.txt",
             "B/q.txt", "a0.txt", "é/w.txt", "a/0.txt"]
    for name in names:
        write(tmp_path, name, f"Berita {name}.")
    files, _ = find_inputs([tmp_path])
    assert [f.path for f in files] == sorted(tmp_path / n for n in names)
    assert all(type(f.path) is type(tmp_path) for f in files)


def test_odd_suffixes_keep_their_stem(tmp_path):
    for name in ["foo.\u0130x", "bar.", "a.b.TXT", "noext"]:
        (tmp_path / name).write_text("Isi berita.", encoding="utf-8")
        article = read_article(InputFile(tmp_path / name, tmp_path))
        assert article.article_id == make_article(article.text, tmp_path / name,
                                                  tmp_path).article_id
        assert article.file_name == name
