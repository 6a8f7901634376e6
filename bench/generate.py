#!/usr/bin/env python3
"""Synthetic corpus generator: Indonesian news about regional government cooperation.

    python bench/generate.py N OUTDIR [--seed 1]

writes OUTDIR/articles/NNN/NNNNNN.txt (1000 files a folder) and OUTDIR/gold.json
(format kgraph-gold/1, the format of the shared gold files): the entities, located_in
facts and cooperations with their sectors that the articles state.

The articles follow the genre of the seeds: a dateline with an outlet, a lead naming
the two governments and the kind of agreement (MoU, LoI, PKS, sister city/province,
an offer), officials with their titles before or after the name (sometimes with
degrees and honorifics), heads of regional agencies, a scope sentence listing the
sectors, quotes, and site furniture ("Baca juga:", photo credits, editor lines) that
must yield nothing. Some mentions carry a typo (a doubled letter in a region or a
person's name); the gold lists the misspelling as a name of the same entity.

The generator is deterministic for a seed, and the first N articles of a larger corpus
are the articles of the smaller one (one random stream, consumed article by article).
People and relationships persist: the same governor signs in many articles, the same
pair of regions comes back with follow-up news, as in a real news stream.

It reads only the region list in src/kgraph/data/id_regions.tsv; it does not import
kgraph, so its gold does not depend on the extractor it is used to measure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ID_REGIONS = ROOT / "src" / "kgraph" / "data" / "id_regions.tsv"
FORMAT = "kgraph-gold/1"
PER_FOLDER = 1000

# ---------------------------------------------------------------------------- vocabulary

# (sector id as in ontology/sectors.ttl, words written in the text, gold keys)
SECTORS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("perdagangan", ("perdagangan",), ("perdagangan", "trade", "niaga")),
    ("industri", ("industri", "perindustrian"), ("industri", "perindustrian", "industry")),
    ("pariwisata", ("pariwisata",), ("pariwisata", "tourism")),
    ("pendidikan", ("pendidikan",), ("pendidikan", "education")),
    ("pertanian", ("pertanian",), ("pertanian", "agriculture")),
    ("investasi", ("investasi", "penanaman modal"), ("investasi", "investment", "penanaman modal")),
    ("kesehatan", ("kesehatan", "layanan kesehatan"), ("kesehatan", "health")),
    ("perikanan", ("kelautan dan perikanan", "perikanan"), ("perikanan", "kelautan", "fisheries")),
    ("transportasi", ("transportasi", "perhubungan"), ("transportasi", "transport", "perhubungan")),
    ("infrastruktur", ("infrastruktur",), ("infrastruktur", "infrastructure")),
    ("energi", ("energi", "energi terbarukan"), ("energi", "energy")),
    ("umkm", ("usaha mikro, kecil, dan menengah (UMKM)", "UMKM"),
     ("umkm", "ukm", "usaha mikro", "msmes")),
    ("koperasi", ("koperasi",), ("koperasi", "cooperatives")),
    ("kebudayaan", ("kebudayaan", "seni budaya"), ("kebudayaan", "budaya", "culture")),
    ("ekonomi-kreatif", ("ekonomi kreatif",), ("ekonomi kreatif", "creative economy")),
    ("ketahanan-pangan", ("ketahanan pangan",), ("ketahanan pangan", "pangan", "food security")),
    ("lingkungan", ("lingkungan hidup", "pengelolaan sampah"),
     ("lingkungan hidup", "lingkungan", "environment")),
    ("sdm", ("pengembangan sumber daya manusia (SDM)", "pelatihan SDM"),
     ("sumber daya manusia", "sdm", "human resources")),
    ("perkebunan", ("perkebunan",), ("perkebunan", "plantations")),
    ("kebencanaan", ("penanggulangan bencana",), ("penanggulangan bencana", "kebencanaan",
                                                   "disaster management")),
    ("pemuda-olahraga", ("kepemudaan", "olahraga"), ("kepemudaan", "olahraga", "youth")),
    ("riset", ("penelitian",), ("riset", "penelitian", "research")),
]
SECTOR_BY_ID = {s[0]: s for s in SECTORS}

# Regional agencies: (acronym, full name, sectors they usually speak for)
AGENCIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", ("investasi",)),
    ("Disperindag", "Dinas Perindustrian dan Perdagangan", ("perdagangan", "industri")),
    ("Dispar", "Dinas Pariwisata", ("pariwisata",)),
    ("Disdik", "Dinas Pendidikan", ("pendidikan",)),
    ("Dinkes", "Dinas Kesehatan", ("kesehatan",)),
    ("Dishub", "Dinas Perhubungan", ("transportasi",)),
    ("DKP", "Dinas Kelautan dan Perikanan", ("perikanan",)),
    ("Distan", "Dinas Pertanian", ("pertanian",)),
    ("DLH", "Dinas Lingkungan Hidup", ("lingkungan",)),
    ("Bappeda", "Badan Perencanaan Pembangunan Daerah", ("infrastruktur",)),
    ("Disbun", "Dinas Perkebunan", ("perkebunan",)),
    ("Disbud", "Dinas Kebudayaan", ("kebudayaan",)),
    ("Dispora", "Dinas Pemuda dan Olahraga", ("pemuda-olahraga",)),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", ("kebencanaan",)),
    ("Disnaker", "Dinas Tenaga Kerja", ("sdm",)),
]

# Foreign partners: countries (Indonesian name, ISO code, other names for the gold)
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CN": ("Tiongkok", ("China", "Republik Rakyat Tiongkok", "RRT", "Cina")),
    "KR": ("Korea Selatan", ("Republik Korea", "South Korea", "Korsel")),
    "JP": ("Jepang", ("Japan",)),
    "MY": ("Malaysia", ()),
    "AU": ("Australia", ()),
    "NL": ("Belanda", ("Netherlands", "Kerajaan Belanda")),
    "DE": ("Jerman", ("Germany",)),
    "US": ("Amerika Serikat", ("United States", "AS")),
    "TR": ("Turki", ("Turkey", "Turkiye", "Türkiye")),
    "PH": ("Filipina", ("Philippines",)),
    "TH": ("Thailand", ()),
    "VN": ("Vietnam", ("Viet Nam",)),
    "UZ": ("Uzbekistan", ()),
    "IN": ("India", ()),
    "QA": ("Qatar", ()),
    "KH": ("Kamboja", ("Cambodia",)),
    "TL": ("Timor Leste", ("Timor-Leste", "Timor Timur")),
    "SA": ("Arab Saudi", ("Saudi Arabia",)),
}
# (name, ISO country, kind, gold types). Names the gazetteer knows both as a province and
# a city (Busan, Konya, ...) accept either type, as the shared gold does for Jakarta.
FOREIGN: list[tuple[str, str, str, tuple[str, ...]]] = [
    *((n, "CN", "province", ("Province",)) for n in (
        "Anhui", "Fujian", "Guangdong", "Guangxi", "Hainan", "Jiangsu", "Yunnan", "Zhejiang",
        "Sichuan", "Hubei")),
    *((n, "KR", "province", ("Province",)) for n in ("Gyeonggi", "Gangwon", "Jeolla Selatan")),
    ("Hokkaido", "JP", "province", ("Province",)),
    *((n, "MY", "province", ("Province",)) for n in ("Selangor", "Sabah", "Sarawak")),
    *((n, "AU", "province", ("Province",)) for n in (
        "Queensland", "Western Australia", "Northern Territory", "South Australia",
        "New South Wales", "Tasmania")),
    *((n, "NL", "province", ("Province",)) for n in ("Zuid-Holland", "Gelderland")),
    ("Bavaria", "DE", "province", ("Province",)),
    *((n, "US", "province", ("Province",)) for n in ("California", "Hawaii")),
    *((n, "TR", "province", ("Province", "City")) for n in ("Konya", "Antalya", "Bursa")),
    ("Busan", "KR", "city", ("City", "Province")),
    ("Fukuoka", "JP", "city", ("City", "Province")),
    *((n, "CN", "city", ("City",)) for n in (
        "Kunming", "Nanning", "Xiamen", "Guangzhou", "Shenzhen", "Hangzhou", "Chengdu",
        "Qingdao")),
    *((n, "KR", "city", ("City",)) for n in ("Changwon", "Suwon")),
    *((n, "JP", "city", ("City",)) for n in ("Kitakyushu", "Yokohama", "Nagoya", "Kobe",
                                              "Sapporo")),
    *((n, "MY", "city", ("City",)) for n in ("Johor Bahru", "Kuching", "Kota Kinabalu",
                                              "Ipoh")),
    *((n, "PH", "city", ("City",)) for n in ("Davao", "Manila", "Iloilo", "Zamboanga")),
    ("Bangkok", "TH", "city", ("City",)),
    *((n, "VN", "city", ("City",)) for n in ("Hanoi", "Da Nang")),
    ("Tashkent", "UZ", "city", ("City",)),
    ("Leiden", "NL", "city", ("City",)),
    *((n, "AU", "city", ("City",)) for n in ("Darwin", "Adelaide", "Brisbane", "Geelong",
                                              "Townsville")),
    *((n, "IN", "city", ("City",)) for n in ("Mumbai", "Chennai")),
    ("Jeddah", "SA", "city", ("City",)),
    ("Doha", "QA", "city", ("City",)),
    ("Phnom Penh", "KH", "city", ("City",)),
    ("Dili", "TL", "city", ("City",)),
]
# Kabupaten/kota whose names the gazetteer also knows abroad, or that equal another
# Indonesian region's bare name: left out so that every gold name is unambiguous.
SKIP_REGIONS = {"Karo", "Toba", "Kampar", "Lahat", "Subang", "Kudus", "Kendal", "Batang",
                "Yogyakarta", "Sikka", "Malaka", "Bone", "Ternate", "Bali"}

OUTLETS = [
    ("paren", "ANTARA"), ("paren", "Lombok Post"), ("paren", "Kaltim Post"),
    ("paren", "Jawa Pos"), ("paren", "Tribun"), ("paren", "Republika"),
    ("comma", "KOMPAS.com"), ("comma", "detik.com"), ("comma", "Tribunnews.com"),
    ("comma", "Bisnis.com"), ("comma", "Tempo.co"), ("comma", "Liputan6.com"),
    ("comma", "iNews.id"), ("caps", ""), ("dash", ""),
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def _words(text: str) -> list[str]:
    return text.split()


# People. Every token of a pool differs enough from the others that two different people
# never look like spelling variants of one (the resolver merges near-identical names).
ID_GIVEN = _words("""
    Agus Ahmad Andi Arief Budi Dedi Dewi Dian Eko Fitri Gita Hendra Heru Irfan Joko Kartika
    Lestari Mulyadi Nanda Nurul Putri Rahmat Rina Rudi Siti Slamet Surya Taufik Teguh Wahyu
    Wulan Yanti Yusuf Zainal Bayu Cahya Darmawan Endang Farida Gunawan Hasanah Imelda Januar
    Kurniawan Lukman Marlina Novita Oktaviani Pramono Ratna Sigit Tri Umar Veronika Wiwik
    Yohanes Zulfikar Asep Ujang Nyoman Ketut Wayan Komang Benny Charles Daniel Evi Frans Hotma
    Ignatius Johan Kornelius Markus Natalia Oscar Petrus Robert Stefanus Theresia Yosef Anwar
    Burhan Chairul Darwis Fadli Ghazali Hamdan Jufri Lutfi Mansur Nasrullah Qomar Ridwan Syamsul
    Tamrin Wardana Yasin Abdullah Ansori Baharuddin Erwin Ferdy Harun Ismail Jamal Latif
    Muhaimin Adi Agung Aditya Alif Amalia Anggun Arif Astuti Bagus Cindy Citra Danang Desi Dimas
    Dodi Eka Elok Ema Fauzan Febri Galih Gilang Hadi Hana Ilham Indra Intan Irma Jaka Kiki Laras
    Lina Maya Mega Nina Puspita Rani Reza Rizky Sri Syahrul Tiara Toni Vina Widya Yogi Yuda Yuli
    Zahra Aisyah Bonifasius Dominikus Fransiska Gregorius Hieronimus Margaretha Paulus Rosalina
    Sebastianus Valentinus Wilhelmus Yakobus Made Putu Gede Nengah Andika Ardiansyah Hafiz
    Ikhsan Kemal Nasir
""")
ID_FAMILY = _words("""
    Santoso Wijaya Saputra Hidayat Nugroho Kusuma Siregar Nasution Lubis Simanjuntak Pangaribuan
    Rondonuwu Manoppo Harahap Sitompul Hutapea Situmorang Purba Ginting Sembiring Tarigan Sinaga
    Damanik Pardede Marpaung Panjaitan Pohan Rangkuti Daulay Matondang Lumbantobing Silalahi
    Simatupang Wenas Lumintang Tumbelaka Pangemanan Mandagi Sondakh Worang Rumengan Tampi Kalalo
    Lengkong Wattimena Latuconsina Pattimura Tuhumury Lessy Renwarin Ohoiwutun Rahangiar Koibur
    Wanggai Rumbiak Mambor Suebu Karubaba Wonda Ndiaye Prasetyo Setiawan Susanto Wibowo Gunadi
    Hartono Suharto Kuncoro Handoko Priyanto Sulistyo Wicaksono Utomo Rahardjo Sudarsono
    Mangkunegara Kartasasmita Sumantri Hadiwijaya Atmadja Surbakti Sihombing Napitupulu
    Aritonang Hasibuan Ritonga Dalimunthe Piliang Chaniago Sikumbang Jambak Mandailing
    Mokodompit Paputungan Gobel Habibie Mooduto Pakaya Dunggio Laode Mappaseng Sukmana Adiwinata
    Anggoro Baskoro Cahyono Darmadi Effendi Firmansyah Gunawijaya Haryanto Irawan Jatmiko
    Kusnadi Lesmana Maulana Nasrudin Permana Rachmadi Sasmita Taslim Wardhana Yulianto
    Zulkarnain Abdillah Ambarita Butarbutar Gultom Hutagalung Lumbangaol Manurung Nainggolan
    Pasaribu Sianipar Simbolon Sitorus Tampubolon Gurning Harefa Zebua Laia Telaumbanua Mendrofa
    Rumajar Tumiwa Kaunang Rarung Supit Tuwaidan Lasut Mamahit Poluan Karinda Walangitan Ruru
    Palar Kumaat Undap Sengkey Runtuwene Pinontoan Rotinsulu Mokoginta Lamadjido Tombokan
    Parinussa Tahitu Siahaya Manuputty Ririmasse Kailola Sahetapy Ralahalu Huwae Pattiasina
    Wiradinata Kusumadewi Soebroto Pawallangi Daeng Makkasau Tenriawaru Pabittei Rasyid
    Mattalitti Galigo Alkatiri Assegaf Baswedan Alhabsyi Bafadal Basalamah Bawazier Jamalullail
    Shihab Syahab
""")
FOREIGN_NAMES: dict[str, tuple[list[str], list[str], bool]] = {
    # group -> (given names, family names, family name first)
    "CN": (_words("""
    Nianbao Guangyong Benqing Xiaoming Jianguo Haiyan Weidong Zhiqiang Yuming Qinghua Hongwei
    Xiaolong Chunhua Guohua Jianhua Yanping Shuqin Zhenyu
"""),
        _words("""
    Wang Zhang Liu Xie Han Chen Zhao Zhou Sun Zhu Guo Luo Song Tang Deng Feng Cao Peng
"""), True),
    "KR": (_words("""
    Jin-hee Dong-yeon Min-jun Seo-yeon Hyun-woo Ji-ho Sung-min Young-soo Eun-ji Tae-hoon Hye-jin
"""),
        _words("""
    Park Choi Jung Kang Cho Yoon Jang Lim Shin Han Oh
"""), True),
    "JP": (_words("""
    Kenji Hiroshi Takeshi Akira Naoko Satoshi Haruki Keiko Masato Daisuke
"""),
        _words("""
    Watanabe Tanaka Suzuki Fujiwara Morimoto Okada Yoshida Sasaki Inoue Kimura Shimizu
"""), False),
    "MY": (_words("""
    Azlan Zulkifli Roslan Shahrul Faizal Kamarul Nizam Norazlina Hafizuddin Syed Mohamad
"""),
        _words("""
    Ismail Othman Yaacob Hamzah Hussein Rashid Mokhtar Samsudin Zakaria Jaafar
"""), False),
    "WEST": (_words("""
    Sarah Michael Emma James Olivia Thomas Laura Peter Mark Julia Robert Rebecca Andrew Hannah
    Stefan Katrin Jeroen Sanne Mehmet Ayse Mustafa Selin
"""),
        _words("""
    Thompson Fischer Schneider Brouwer Jansen Visser Bakker Yilmaz Demir Ozturk Sullivan
    Crawford Whitfield Kowalski
"""), False),
    "ASIA": (_words("""
    Arturo Maricel Rodrigo Somchai Niran Thanawat Nguyen Rustam Dilshod Rajesh Priya Khalid
    Faisal Sopheap
"""),
        _words("""
    Bautista Aquino Wongsawat Chaiyaporn Tran Karimov Tashkentov Sharma Iyer Alqahtani Alharbi
    Sokha Chanthou Alkatiri Guterres
"""), False),
}
NAME_GROUP = {"CN": "CN", "KR": "KR", "JP": "JP", "MY": "MY", "AU": "WEST", "NL": "WEST",
              "DE": "WEST", "US": "WEST", "TR": "WEST"}
DEGREES_BEFORE = ["Dr.", "H.", "Ir.", "Drs.", "Prof. Dr.", "Dr. H.", "Hj."]
DEGREES_AFTER = ["S.E.", "M.Si.", "M.M.", "S.Sos., M.H.", "S.T., M.T.", "M.Pd."]
# Paragraphs without entities or sector words: the bulk of a real article's text.
FILLER = [
    "Kerja sama antardaerah dinilai penting untuk mempercepat pemerataan pembangunan dan "
    "membuka lapangan usaha baru bagi masyarakat.",
    "\"Kami ingin program ini tidak berhenti di atas kertas. Setiap kegiatan harus terukur dan "
    "dilaporkan secara berkala,\" ujarnya.",
    "Tahun lalu nilai transaksi antara kedua daerah mencapai Rp{n} miliar, naik {p} persen "
    "dibanding tahun sebelumnya.",
    "Selain penandatanganan, kedua pihak juga menggelar temu bisnis yang mempertemukan {k} "
    "pelaku usaha dari kedua daerah.",
    "Menurut dia, penyusunan rencana aksi akan melibatkan perangkat daerah teknis agar setiap "
    "program memiliki target yang jelas.",
    "Dokumen tersebut berlaku selama {y} tahun dan dapat diperpanjang atas kesepakatan kedua "
    "belah pihak.",
    "Ia menegaskan bahwa pemerintah daerah akan memastikan anggaran untuk kegiatan bersama "
    "tersedia pada tahun anggaran berikutnya.",
    "\"Kita tidak ingin hanya seremoni. Yang penting adalah manfaat yang dirasakan langsung "
    "oleh warga,\" katanya.",
    "Rapat koordinasi lanjutan dijadwalkan berlangsung bulan depan untuk membahas rincian "
    "teknis pelaksanaan.",
    "Sebanyak {k} program telah diidentifikasi sebagai prioritas untuk dijalankan dalam "
    "{y} tahun pertama.",
    "Pihaknya juga membuka peluang bagi perguruan tinggi dan kalangan swasta untuk ikut "
    "terlibat dalam pelaksanaan program.",
    "Penandatanganan tersebut disaksikan oleh jajaran pimpinan perangkat daerah dan sejumlah "
    "tokoh masyarakat.",
    "Ia menambahkan, evaluasi akan dilakukan setiap {m} bulan sekali agar hambatan di "
    "lapangan dapat segera diatasi.",
    "\"Ini adalah langkah awal. Ke depan kami berharap hubungan baik ini terus berlanjut dan "
    "semakin erat,\" tuturnya.",
    "Data pemerintah daerah mencatat lebih dari {k} ribu warga akan merasakan manfaat langsung "
    "dari program bersama tersebut.",
    "Kedua pihak sepakat membentuk tim teknis bersama yang akan bertemu secara rutin untuk "
    "memantau kemajuan program.",
    "Menurutnya, pengalaman daerah lain menunjukkan bahwa kesepakatan semacam ini efektif "
    "bila didukung komitmen pimpinan daerah.",
    "Acara tersebut ditutup dengan penyerahan cendera mata dan foto bersama para undangan.",
]
HEADLINE_VERBS = ["Pantau Harga Cabai di Pasar", "Tinjau Banjir di", "Resmikan Jembatan di",
                  "Buka Festival Budaya di", "Lepas Ekspor Perdana dari", "Serahkan Bantuan ke",
                  "Hadiri Rapat Paripurna di", "Canangkan Gerakan Tanam di"]


# ---------------------------------------------------------------------------- model


@dataclass
class Place:
    gid: str  # gold id
    name: str  # canonical name as written in full (the gazetteer's label)
    short: str  # the form the text uses after the first mention
    kind: str  # provinsi | kabupaten | kota | province | city | country
    types: tuple[str, ...]
    names: list[str]
    parent: str | None  # gold id of the parent region
    country: str  # ISO code
    towns: list[str] = field(default_factory=list)  # gold ids of kota/kabupaten inside


@dataclass
class Person:
    gid: str
    tokens: list[str]
    family_first: bool = False

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        return self.tokens[0] if self.family_first else self.tokens[-1]


@dataclass
class Role:
    person: Person
    title: str  # as written before the place: "Gubernur", "Kepala Dinas Pariwisata (Dispar)"
    place: Place
    positions: tuple[str, ...]  # gold position_any
    represents: tuple[str, ...]  # gold represents_any
    org: str | None = None  # gold id of the organisation the person heads
    agency: tuple[str, str] | None = None  # (acronym, full name) of that organisation


@dataclass
class Relation:
    a: Place
    b: Place | None  # None: b is a company
    company: tuple[str, str, str] | None  # (gold id, full name, acronym)
    kind: str  # mou | loi | pks | sister | offer
    sectors: list[str]


class GoldBook:
    """The facts the corpus states, accumulated article by article."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}
        self.located: dict[tuple[str, str], bool] = {}  # (child, parent) -> optional
        self.coops: dict[tuple[str, str], dict] = {}

    def entity(self, gid: str, types: tuple[str, ...] | list[str], *, names=(), keys=(),
               optional: bool = False, **extra) -> None:
        e = self.entities.get(gid)
        if e is None:
            e = {"id": gid, "types": list(types)}
            if keys:
                e["keys"] = []
            else:
                e["names"] = []
            e.update(extra)
            if optional:
                e["optional"] = True
            self.entities[gid] = e
        elif not optional and e.get("optional"):
            del e["optional"]
        bucket = e["keys"] if "keys" in e else e["names"]
        for v in (keys or names):
            if v not in bucket:
                bucket.append(v)
        for k in ("position_any", "represents_any"):
            for v in extra.get(k, ()):
                if v not in e.setdefault(k, []):
                    e[k].append(v)

    def located_in(self, child: str, parent: str | None, optional: bool = False) -> None:
        if parent is None:
            return
        key = (child, parent)
        self.located[key] = self.located.get(key, True) and optional

    def cooperation(self, a: str, b: str, sectors=(), optional_sectors=(),
                    optional: bool = False) -> None:
        key = (a, b) if a < b else (b, a)
        c = self.coops.setdefault(key, {"parties": list(key), "sectors": [],
                                        "optional_sectors": [], "optional": True})
        c["optional"] = c["optional"] and optional
        for s in sectors:
            if s not in c["sectors"]:
                c["sectors"].append(s)
        for s in optional_sectors:
            if s not in c["optional_sectors"]:
                c["optional_sectors"].append(s)

    def to_json(self, corpus: str, articles: list[str]) -> dict:
        coops = []
        for c in self.coops.values():
            out: dict = {"parties": c["parties"]}
            if c["optional"]:
                out["optional"] = True
            else:
                out["sectors"] = c["sectors"]
                opt = [s for s in c["optional_sectors"] if s not in c["sectors"]]
                if opt:
                    out["optional_sectors"] = opt
            coops.append(out)
        return {
            "format": FORMAT,
            "corpus": corpus,
            "articles": articles,
            "notes": [
                "Generated by bench/generate.py: synthetic articles, one gold for the corpus.",
                "Furniture lines (Baca juga:, Editor:, Pewarta:, photo credits, Cek Berita "
                "...) are generated from the same pools; what they name is in the gold only "
                "when an article states it in its content.",
                "Typos are doubled letters in a later mention; the gold lists them as names.",
            ],
            "entities": list(self.entities.values()),
            "located_in": [{"child": c, "parent": p, **({"optional": True} if o else {})}
                           for (c, p), o in self.located.items()],
            "cooperations": coops,
        }


# ---------------------------------------------------------------------------- world


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class World:
    """Regions, people and relationships; people and relations are made on first use."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places: dict[str, Place] = {}
        self.provinces: list[Place] = []
        self.towns: list[Place] = []
        self.kotas: list[Place] = []
        self.foreign: list[Place] = []
        self.foreign_provinces: list[Place] = []
        self.foreign_cities: list[Place] = []
        self._load_indonesia()
        self._load_foreign()
        self.roles: dict[tuple[str, str], Role] = {}
        self.used_pairs: set[tuple[str, str]] = set()
        self.used_names: set[str] = set()
        self.relations: list[Relation] = []
        self.companies: dict[str, tuple[str, str, str]] = {}

    # -------------------------------------------------------------- places
    def _load_indonesia(self) -> None:
        with open(ID_REGIONS, encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        bare_prov = {r["name"] for r in rows if r["kind"] == "provinsi"}
        bare_kota = {r["name"] for r in rows if r["kind"] == "kota"}
        self.places["indonesia"] = Place("indonesia", "Indonesia", "Indonesia", "country",
                                         ("Country",), ["Indonesia", "Republik Indonesia", "RI",
                                                        "NKRI"], None, "ID")
        by_code: dict[str, Place] = {}
        for r in rows:
            aliases = [a.strip() for a in r["aliases"].split(";") if a.strip()]
            name, kind = r["name"].strip(), r["kind"]
            if kind == "provinsi":
                short = next((a for a in aliases if re.fullmatch(r"[A-Z][a-z]+|[A-Z]{2,4}", a)
                              and len(a) <= 8 and a not in name), name)
                p = Place(f"id-{r['iso'].lower()}", name, short, "provinsi", ("Province",),
                          [name, f"Provinsi {name}", *aliases], "indonesia", "ID")
                by_code[r["code"]] = p
                self.places[p.gid] = p
                if name != "Bali":
                    self.provinces.append(p)
                continue
            if name in SKIP_REGIONS or (kind == "kabupaten" and (name in bare_kota or
                                                                  name in bare_prov)):
                continue
            if kind == "kota" and name in bare_prov:
                continue
            parent = by_code[r["parent"]]
            if kind == "kabupaten":
                p = Place(f"id-{r['code']}", f"Kabupaten {name}", name, "kabupaten", ("City",),
                          [f"Kabupaten {name}", name, f"Kab. {name}", *aliases], parent.gid, "ID")
            else:
                p = Place(f"id-{r['code']}", name, name, "kota", ("City",),
                          [name, f"Kota {name}", *aliases], parent.gid, "ID")
                self.kotas.append(p)
            self.places[p.gid] = p
            self.towns.append(p)
            parent.towns.append(p.gid)

    def _load_foreign(self) -> None:
        for iso, (name, aliases) in COUNTRIES.items():
            p = Place(f"country-{iso.lower()}", name, name, "country", ("Country",),
                      [name, *aliases], None, iso)
            self.places[p.gid] = p
        for name, iso, kind, types in FOREIGN:
            names = [name] + (["Pulau Pinang", "Penang"] if name == "Penang" else [])
            if kind == "province":
                names += [f"Provinsi {name}", f"{name} Province"]
            else:
                names += [f"Kota {name}", f"{name} City"]
            p = Place(f"{_slug(name)}-{iso.lower()}", name, name, kind, types, names,
                      f"country-{iso.lower()}", iso)
            self.places[p.gid] = p
            self.foreign.append(p)
            (self.foreign_provinces if kind == "province" else self.foreign_cities).append(p)

    # -------------------------------------------------------------- people
    def _new_person(self, group: str, gid_hint: str) -> Person:
        rng = self.rng
        for _ in range(1000):
            if group == "ID":
                n = rng.random()
                if n < 0.55:
                    toks = [rng.choice(ID_GIVEN), rng.choice(ID_FAMILY)]
                elif n < 0.85:
                    toks = [rng.choice(ID_GIVEN), rng.choice(ID_GIVEN), rng.choice(ID_FAMILY)]
                else:
                    toks = [rng.choice(ID_GIVEN), rng.choice(ID_FAMILY), rng.choice(ID_FAMILY)]
                family_first = False
            else:
                given, family, family_first = FOREIGN_NAMES[group]
                g, f = rng.choice(given), rng.choice(family)
                toks = [f, g] if family_first else [g, f]
            low = [t.casefold() for t in toks]
            if len(set(low)) != len(low):
                continue
            # any two tokens in order identify a person: no other person may share them
            pairs = {f"{low[i]} {low[j]}" for i in range(len(low)) for j in range(i + 1, len(low))}
            if pairs & self.used_names:
                continue
            self.used_names |= pairs
            gid = f"p-{_slug(' '.join(toks))}"
            return Person(gid, toks, family_first)
        raise RuntimeError(f"name pools exhausted ({group}, {gid_hint})")

    def role(self, place: Place, what: str) -> Role:
        """The person holding `what` (head, deputy, sekda, an agency acronym) at `place`."""
        key = (place.gid, what)
        r = self.roles.get(key)
        if r is not None:
            return r
        group = "ID" if place.country == "ID" else NAME_GROUP.get(place.country, "ASIA")
        person = self._new_person(group, place.gid)
        org = None
        agency = None
        if place.country != "ID":
            title, positions = {
                ("province", "head"): ("Gubernur Provinsi", ("gubernur", "governor")),
                ("province", "deputy"): ("Wakil Gubernur Provinsi", ("wakil gubernur",)),
                ("city", "head"): ("Wali Kota", ("wali kota", "walikota", "mayor")),
                ("city", "deputy"): ("Wakil Wali Kota", ("wakil wali kota",)),
                ("country", "consul"): ("Konsul Jenderal", ("konsul jenderal", "konjen")),
                ("country", "ambassador"): ("Duta Besar", ("duta besar", "dubes")),
            }[(place.kind, what)]
        elif what == "head":
            title = {"provinsi": "Gubernur", "kabupaten": "Bupati", "kota": "Wali Kota"}[place.kind]
            positions = {"Gubernur": ("gubernur",), "Bupati": ("bupati",),
                         "Wali Kota": ("wali kota", "walikota")}[title]
            if place.kind == "provinsi" and self.rng.random() < 0.2:
                title = "Penjabat (Pj) Gubernur"
        elif what == "deputy":
            title = {"provinsi": "Wakil Gubernur", "kabupaten": "Wakil Bupati",
                     "kota": "Wakil Wali Kota"}[place.kind]
            positions = (title.lower(),)
        elif what == "sekda":
            title, positions = "Sekretaris Daerah", ("sekretaris daerah", "sekda")
        else:
            acr, full, _ = next(a for a in AGENCIES if a[0] == what)
            title, positions = f"Kepala {full}", ("kepala",)
            org = f"{_slug(acr)}-{place.gid}"
            agency = (acr, full)
        represents = (place.gid,) + ((org,) if org else ())
        r = Role(person, title, place, positions, represents, org, agency)
        self.roles[key] = r
        return r

    def company(self) -> tuple[str, str, str]:
        """A company party: often one that already signed with another region."""
        rng = self.rng
        if self.companies and rng.random() < 0.5:
            return rng.choice(list(self.companies.values()))
        for _ in range(1000):
            words = [rng.choice(["Rinjani", "Mahakam", "Borneo", "Samudra", "Cipta",
                                 "Bumi", "Karya", "Mitra", "Sinar", "Tirta", "Graha", "Citra",
                                 "Prima", "Sentosa", "Lestari", "Arta", "Bintang", "Cahaya",
                                 "Dharma", "Ekatama", "Fajar", "Gemilang", "Harapan", "Intan",
                                 "Kencana", "Langit", "Mulia", "Nirwana", "Pelangi", "Rajawali",
                                 "Surya", "Tunas", "Wahana", "Bahtera", "Cendana", "Delta"]),
                     rng.choice(["Bahari", "Agro", "Logistik", "Digital", "Medika", "Tekno",
                                 "Mineral", "Kreasi", "Solusi", "Properti", "Konstruksi",
                                 "Daya", "Farma", "Media"]),
                     rng.choice(["Nusantara", "Indonesia", "Persada", "Utama", "Mandiri",
                                 "Abadi", "Perkasa", "Jaya", "Sejahtera", "Makmur", "Gemilang",
                                 "Sentosa", "Lestari", "Prima"])]
            full = "PT " + " ".join(words)
            if full not in self.companies:
                acr = "".join(w[0] for w in words)
                gid = f"co-{_slug(full)}"
                self.companies[full] = (gid, full, acr)
                return self.companies[full]
        raise RuntimeError("company names exhausted")

    # -------------------------------------------------------------- relations
    def relation(self) -> Relation:
        rng = self.rng
        if self.relations and rng.random() < 0.45:
            return rng.choice(self.relations)
        kind = rng.choices(["mou", "sister", "loi", "pks", "offer"], [40, 15, 15, 15, 15])[0]
        company = None
        b: Place | None
        if kind == "sister":
            if rng.random() < 0.5:
                a, b = rng.choice(self.provinces), rng.choice(self.foreign_provinces)
            else:
                a, b = rng.choice(self.kotas), rng.choice(self.foreign_cities)
        elif kind == "pks":
            a = rng.choice(self.provinces + self.towns)
            b, company = None, self.company()
        elif kind in {"loi", "offer"}:
            a = rng.choice(self.provinces + self.kotas)
            b = rng.choice(self.foreign)
        else:  # mou between two Indonesian governments of the same level, or abroad
            if rng.random() < 0.6:
                a, b = rng.sample(self.provinces, 2)
            elif rng.random() < 0.5:
                a, b = rng.sample(self.towns, 2)
            else:
                a, b = rng.choice(self.provinces), rng.choice(self.foreign)
        sectors = rng.sample([s[0] for s in SECTORS], rng.randint(2, 4))
        rel = Relation(a, b, company, kind, sectors)
        self.relations.append(rel)
        return rel


# ---------------------------------------------------------------------------- writer


def _typo(word: str, rng: random.Random) -> str:
    """A doubled letter in the last long token ("Tengah" -> "Tenggah")."""
    toks = word.split(" ")
    idx = max(range(len(toks)), key=lambda i: len(toks[i]))
    t = toks[idx]
    if len(t) < 6:
        return word
    k = rng.randrange(2, len(t) - 1)
    if not t[k].isalpha():
        return word
    toks[idx] = t[:k] + t[k] + t[k:]
    return " ".join(toks)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + (", dan " if len(items) > 2 else " dan ") + items[-1]


class ArticleWriter:
    def __init__(self, world: World, gold: GoldBook, rng: random.Random) -> None:
        self.w, self.gold, self.rng = world, gold, rng
        self.mentioned: set[str] = set()
        self.towns_seen: list[Place] = []

    # -------------------------------------------------------------- gold helpers
    def place(self, p: Place, optional: bool = False, extra_names=()) -> None:
        self.gold.entity(p.gid, p.types, names=[*p.names, *extra_names], optional=optional)
        if optional:
            return
        self.mentioned.add(p.gid)
        if p.parent:
            parent = self.w.places[p.parent]
            if parent.kind == "country":
                self.gold.entity(parent.gid, parent.types, names=parent.names)
                self.gold.located_in(p.gid, parent.gid)
            else:
                self.towns_seen.append(p)

    def close_places(self) -> None:
        """A town is located in its province (required when the article names both)."""
        for t in self.towns_seen:
            assert t.parent is not None
            named = t.parent in self.mentioned
            if not named:  # accepted if the graph has it, not required
                self.place(self.w.places[t.parent], optional=True)
            self.gold.located_in(t.gid, "indonesia")
            self.gold.located_in(t.gid, t.parent, optional=not named)
        self.mentioned, self.towns_seen = set(), []

    def person(self, role: Role, written: str, optional: bool = False) -> None:
        names = [role.person.name]
        if written != role.person.name:
            names.append(written)
        self.gold.entity(role.person.gid, ("Official",), names=names, optional=optional,
                         position_any=list(role.positions),
                         represents_any=list(role.represents))
        if role.org and role.agency:
            acr, full = role.agency
            p = role.place
            keys = [f"{full} {p.name}".lower(), f"{full} {p.short}".lower(),
                    f"{acr} {p.short}".lower()]
            self.gold.entity(role.org, ("Organization",), keys=keys, optional=optional)

    # -------------------------------------------------------------- pieces
    def date(self) -> tuple[str, str]:
        rng = self.rng
        y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        return rng.choice(DAYS), f"{d}/{m}/{y}"

    def gov(self, p: Place, first: bool) -> str:
        """How the text names the government of `p`."""
        rng = self.rng
        level = {"provinsi": "provinsi", "province": "provinsi", "kabupaten": "kabupaten",
                 "kota": "kota", "city": "kota"}.get(p.kind)
        if level:
            abbr = {"provinsi": "pemprov", "kabupaten": "pemkab", "kota": "pemkot"}[level]
            keys = {f"pemerintah {level} {p.name}".lower(), f"pemerintah {level} {p.short}".lower(),
                    f"{abbr} {p.short}".lower(), f"{abbr} {p.name}".lower()}
            self.gold.entity(f"gov-{p.gid}", ("Organization",), keys=sorted(keys),
                             optional=True, party_of=p.gid)
        if p.kind == "provinsi":
            if first:
                return rng.choice([f"Pemerintah Provinsi (Pemprov) {p.name}",
                                   f"Pemerintah Provinsi {p.name}" +
                                   (f" ({p.short})" if p.short != p.name else ""),
                                   f"Pemprov {p.name}"])
            return rng.choice([f"Pemprov {p.short}", f"Pemerintah Provinsi {p.name}"])
        if p.kind == "kabupaten":
            return rng.choice([f"Pemerintah Kabupaten (Pemkab) {p.short}", f"Pemkab {p.short}"]
                              if first else [f"Pemkab {p.short}"])
        if p.kind == "kota":
            return rng.choice([f"Pemerintah Kota (Pemkot) {p.short}", f"Pemkot {p.short}"]
                              if first else [f"Pemkot {p.short}"])
        country = self.w.places[p.parent or ""] if p.parent else p
        if p.kind == "province":
            return f"Pemerintah Provinsi {p.name}, {country.name}" if first else \
                f"Provinsi {p.name}"
        if p.kind == "city":
            return f"Pemerintah Kota {p.name}, {country.name}" if first else p.name
        return f"Pemerintah {p.name}" if first else p.name

    def official(self, role: Role, order: str, where_in: str = "Jakarta") -> tuple[str, str]:
        """(text naming the official with their title, how the name is written)."""
        rng = self.rng
        name = role.person.name
        written = name
        if role.place.country == "ID" and rng.random() < 0.15:
            written = f"{rng.choice(DEGREES_BEFORE)} {name}"
            if rng.random() < 0.5:
                written += f", {rng.choice(DEGREES_AFTER)}"
        p = role.place
        where = p.short if p.country == "ID" else p.name
        if role.title.startswith(("Konsul", "Duta")):
            title = f"{role.title} {p.name}" + (" untuk Indonesia" if "Duta" in role.title
                                                 else f" di {where_in}")
            return f"{title}, {written},", written
        if role.agency:
            acr, full = role.agency
            title = rng.choice([f"Kepala {full} ({acr}) {where}", f"Kepala {acr} {where}"])
        elif role.title == "Sekretaris Daerah":
            title = rng.choice([f"Sekretaris Daerah {where}", f"Sekda {where}"])
            if p.kind == "provinsi" and rng.random() < 0.5:
                title = f"Sekretaris Daerah Provinsi {p.name}"
        else:
            title = f"{role.title} {where}"
        if order == "after":
            return f"{written}, {title},", written
        if order == "paren":
            written = written.split(",")[0]
            return f"{written} ({title})", written
        return f"{title} {written}", written

    def filler(self, n: int) -> list[str]:
        rng = self.rng
        return [t.format(n=rng.randint(5, 900), p=rng.randint(3, 40), k=rng.randint(12, 150),
                         y=rng.randint(2, 5), m=rng.choice([3, 6]))
                for t in rng.sample(FILLER, n)]

    def sector_words(self, sectors: list[str]) -> str:
        return _join([self.rng.choice(SECTOR_BY_ID[s][1]) for s in sectors])

    def furniture(self) -> str:
        rng, w = self.rng, self.w
        kind = rng.random()
        if kind < 0.45:
            town = rng.choice(w.towns)
            who = w.role(town, "head")
            title = "Bupati" if town.kind == "kabupaten" else "Wali Kota"
            return (f"{rng.choice(['Baca juga', 'BACA JUGA', 'Baca Juga'])}: {title} "
                    f"{town.short} {who.person.name} {rng.choice(HEADLINE_VERBS)} "
                    f"{rng.choice(w.towns).short}")
        if kind < 0.6:
            return "Cek Berita dan Artikel yang lain di Google News"
        if kind < 0.75:
            return f"(Foto: Humas Pemprov {rng.choice(w.provinces).short})"
        name = f"{rng.choice(ID_GIVEN)} {rng.choice(ID_FAMILY)}"  # furniture: never a fact
        return f"{rng.choice(['Editor', 'Pewarta', 'Penulis'])}: {name}"

    # -------------------------------------------------------------- article
    def article(self) -> str:
        rng, w = self.rng, self.w
        rel = w.relation()
        a, b = rel.a, rel.b
        sectors = rng.sample(rel.sectors, rng.randint(1, len(rel.sectors)))
        paras: list[str] = []
        b_name = b.short if b else rel.company[2]  # type: ignore[index]
        kind_phrase = {
            "mou": rng.choice(["nota kesepahaman (MoU)", "memorandum of understanding (MoU)",
                               "nota kesepahaman"]),
            "loi": rng.choice(["letter of intent (LoI)", "surat pernyataan kehendak (LoI)"]),
            "pks": "perjanjian kerja sama (PKS)",
            "sister": "kerja sama " + ("provinsi kembar (sister province)" if a.kind == "provinsi"
                                       else "kota kembar (sister city)"),
            "offer": "kerja sama",
        }[rel.kind]
        day, date = self.date()

        # title line
        if rng.random() < 0.5:
            sister = "Jalin Sister City" if a.kind == "kota" else "Perpanjang Sister Province"
            head = {"mou": "Teken MoU", "loi": "Teken LoI", "pks": "Teken PKS", "sister": sister,
                    "offer": "Tawarkan Kerja Sama"}[rel.kind]
            sec = SECTOR_BY_ID[sectors[0]][1][0].title()
            if rel.kind == "offer" and b is not None:
                paras.append(f"{b.name} {head} {sec} dengan {a.short}")
            else:
                paras.append(f"{a.short} dan {b_name} {head} Kerja Sama {sec}")
            paras[-1] += "\n"

        # dateline
        home = a
        if a.kind == "provinsi":
            kotas = [t for t in a.towns if self.w.places[t].kind == "kota"] or a.towns
            home = self.w.places[rng.choice(kotas)] if kotas else a
        dl_place = home.short if home.kind != "provinsi" else home.name
        style, outlet = rng.choice(OUTLETS)
        if style == "paren":
            dateline = f"{dl_place} ({outlet}) - "
        elif style == "comma":
            dateline = f"{dl_place.upper()}, {outlet} - "
        elif style == "caps":
            dateline = f"{dl_place.upper()} - "
        else:
            dateline = f"{dl_place} – "
        dl_place_obj = home
        if outlet:
            self.gold.entity(f"outlet-{_slug(outlet)}", ("Organization",),
                             keys=[outlet.lower(), outlet.split(".")[0].lower()], optional=True)

        head_a = w.role(a, "head")
        sign_a, wa = self.official(head_a, rng.choice(["before", "before", "after"]))
        self.person(head_a, wa)
        if rel.kind == "offer" and b is not None:
            envoy_place = w.places[b.parent] if b.parent else b
            envoy = w.role(envoy_place, "consul")
            t_env, we = self.official(envoy, "before", dl_place)
            self.person(envoy, we)
            lead = (f"{dateline}{t_env.rstrip(',')} menawarkan kerja sama antara "
                    f"{self.gov(a, True)} dan {self.gov(b, True)}. Tawaran itu disampaikan "
                    f"saat {envoy.person.surname} beraudiensi dengan {sign_a.rstrip(',')} "
                    f"di {dl_place}, {day} ({date}).")
            self.place(envoy_place)
        elif b is None:
            gid, full, acr = rel.company  # type: ignore[misc]
            lead = (f"{dateline}{self.gov(a, True)} menandatangani {kind_phrase} dengan {full} "
                    f"({acr}) di bidang {self.sector_words(sectors)}, {day} ({date}).")
            self.gold.entity(gid, ("Organization",), keys=[full.lower(), full[3:].lower(),
                                                           f"pt {acr.lower()}"])
        else:
            verb = rng.choice(["resmi menandatangani", "meneken", "menyepakati"])
            lead = (f"{dateline}{self.gov(a, True)} dan {self.gov(b, True)} {verb} {kind_phrase} "
                    f"di bidang {self.sector_words(sectors)}, {day} ({date}).")
        paras.append(lead)

        # signatories
        if rel.kind != "offer":
            if b is not None:
                head_b = w.role(b, "head")
                sign_b, wb = self.official(head_b, "before")
                self.person(head_b, wb)
                paras.append(f"Penandatanganan dilakukan oleh {sign_a} dan "
                             f"{sign_b.rstrip(',')} di {dl_place}.")
            else:
                gid, full, acr = rel.company  # type: ignore[misc]
                director = w.roles.get((gid, "dirut"))
                if director is None:
                    person = w._new_person("ID", gid)
                    director = Role(person, "Direktur Utama", a, ("direktur utama", "dirut"),
                                    (gid,))
                    w.roles[(gid, "dirut")] = director
                self.person(director, director.person.name)
                paras.append(f"Naskah PKS ditandatangani {sign_a.rstrip(',')} bersama Direktur "
                             f"Utama PT {acr} {director.person.name} di {dl_place}.")

        # quote of the head
        quote = rng.choice([
            "Kerja sama ini bukan sekadar seremoni. Kami ingin ada hasil nyata bagi masyarakat",
            "Kami sudah lama menjajaki peluang ini, dan hari ini kita mulai langkah konkretnya",
            "Setiap enam bulan kita evaluasi bersama, berapa program yang sudah berjalan",
            "Ini saling melengkapi. Masing-masing daerah punya keunggulan sendiri",
        ])
        paras.append(f"\"{quote},\" {rng.choice(['kata', 'ujar', 'ucap', 'tegas'])} "
                     f"{head_a.person.surname}.")

        if rng.random() < 0.35:
            paras.append(self.furniture())
        paras.extend(self.filler(rng.randint(3, 5)))

        # scope
        scope = rng.choice(["Ruang lingkup kerja sama meliputi", "Kerja sama tersebut mencakup",
                            "Adapun bidang yang disepakati meliputi"])
        paras.append(f"{scope} {self.sector_words(sectors)}.")

        # agency head of the home government
        agency = next((ag for ag in AGENCIES if set(ag[2]) & set(sectors)), rng.choice(AGENCIES))
        chief = w.role(a, agency[0])
        t_chief, wc = self.official(chief, rng.choice(["before", "before", "after", "paren"]))
        if rng.random() < 0.12:
            typo = _typo(chief.person.name, rng)
            if typo != chief.person.name and t_chief.count(wc) == 1:
                t_chief = t_chief.replace(wc, wc.replace(chief.person.name, typo))
                wc = wc.replace(chief.person.name, typo)
        self.person(chief, wc)
        says = rng.choice(["menjelaskan", "mengatakan", "menambahkan"])
        if t_chief.endswith(","):
            paras.append(f"{t_chief} {says}, tindak lanjut pertama akan dibahas dalam rapat "
                         f"teknis bulan depan.")
        else:
            paras.append(f"{t_chief} {says}, tindak lanjut pertama akan dibahas dalam rapat "
                         f"teknis bulan depan.")

        # second official: a sekda or a deputy, sometimes of the partner
        if rng.random() < 0.5:
            other = w.role(a, rng.choice(["sekda", "deputy"]))
            t_other, wo = self.official(other, rng.choice(["after", "before", "paren"]))
            self.person(other, wo)
            what = kind_phrase if rel.kind != "offer" else "kerja sama"
            paras.append(f"{t_other} menyebutkan, {what} itu berlaku selama lima tahun dan "
                         "akan dievaluasi setiap tahun.")

        paras.extend(self.filler(rng.randint(3, 6)))

        # the home region, once more, sometimes misspelt
        typo_names: list[str] = []
        mention = a.name if a.kind in {"provinsi", "kota"} else a.short
        if rng.random() < 0.15 and len(mention) >= 6:
            mention2 = _typo(mention, rng)
            if mention2 != mention:
                typo_names.append(mention2)
                mention = mention2
        paras.append(f"Menurut dia, kerja sama ini diharapkan membuka peluang baru bagi pelaku "
                     f"usaha di {mention}.")

        if b is not None and b.country != "ID" and rng.random() < 0.3:
            country = w.places[b.parent] if b.parent else b
            paras.append(f"Ia berharap kerja sama antardaerah ini turut memperkuat hubungan "
                         f"Indonesia dan {country.name}.")
            self.gold.cooperation("indonesia", country.gid, optional=True)

        if rng.random() < 0.6:
            paras.append(self.furniture())
        if rng.random() < 0.4:
            paras.append(self.furniture())

        # gold: places, the dateline town, the cooperation
        self.place(a, extra_names=typo_names)
        if b is not None:
            self.place(b)
            pb = b.gid
        else:
            pb = rel.company[0]  # type: ignore[index]
        if dl_place_obj is not a:
            self.place(dl_place_obj)
        self.close_places()
        self.gold.cooperation(a.gid, pb, sectors=sectors)
        if b is not None and b.parent and b.country != "ID":
            self.gold.cooperation(a.gid, b.parent, optional=True)
        for sid in sectors:
            sid_, _, keys = SECTOR_BY_ID[sid]
            self.gold.entity(sid_, ("Sector",), keys=list(keys))
        sep = "\n\n" if rng.random() < 0.5 else "\n"
        return sep.join(paras) + "\n"


# ---------------------------------------------------------------------------- main


def generate(n: int, outdir: str | os.PathLike[str], seed: int = 1) -> dict:
    """Write `n` articles and gold.json into `outdir`; returns the gold dict."""
    out = Path(outdir)
    rng = random.Random(seed)
    world = World(rng)
    gold = GoldBook()
    writer = ArticleWriter(world, gold, rng)
    names: list[str] = []
    made_dirs: set[Path] = set()
    for i in range(n):
        text = writer.article()
        rel = Path("articles") / f"{i // PER_FOLDER:03d}" / f"{i:06d}.txt"
        path = out / rel
        if path.parent not in made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        names.append(rel.as_posix())
    # sectors that only some articles name, and the optional Pemprov/Pemkab organisations
    data = gold.to_json(f"synthetic-{n}-seed{seed}", names)
    (out / "gold.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", help="output folder (articles/ and gold.json)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    data = generate(args.n, args.outdir, args.seed)
    dt = time.perf_counter() - t0
    print(f"wrote {args.n} articles and gold.json ({len(data['entities'])} entities, "
          f"{len(data['cooperations'])} cooperations) to {args.outdir} in {dt:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
