#!/usr/bin/env python3
"""Generates Sources/Kensaku/Analysis/KanjiVariants.swift: a fold of a kanji variant (異体字) to its
common form, one character to one character, from the Unihan database as Debian's unicode-data
package ships it in /usr/share/unicode (Unihan_Variants.txt.bz2, Unihan_OtherMappings.txt.bz2,
Unihan_Readings.txt.bz2). Standard library only.

    python3 scripts/gen_kanji_variants.py          # writes the Swift file
    python3 scripts/gen_kanji_variants.py --list   # prints every mapping instead, one a line
    python3 scripts/gen_kanji_variants.py --show 髙國學  # prints the fold of these characters

The rule (the Unicode version is read from the files' headers and written into the Swift file):

rank(c) is 1 when c is in JIS X 0208 level 1 (kJis0 row 16-47; kJis0 is row and cell as four
digits, 亜 U+4E9C is "1601"), 2 when in level 2 (row 48-84), 3 otherwise.

The direct variants of c come from kZVariant and kSemanticVariant (each value a list of
`U+XXXX<source,source:tag` items; the `<...` suffix names the dictionaries that assert the
relation), made symmetric: d is a variant of c when c lists d or d lists c. Two adjustments, both
because Unihan's semantic variants are mostly asserted by Chinese dictionaries (kMatthews, kFenn,
kLau, kMeyerWempe, ...), which merge characters that are different words in Japanese:

1. Strong relations are kZVariant, kSemanticVariant items attributed to kMorohashi (the one
   Japanese dictionary among the sources), and the Japanese lists' own variant pairs: kJinmeiyoKanji
   `2010:U+XXXX` (the jinmeiyō kyūjitai, e.g. 國 → 国, 廣 → 広, 櫻 → 桜, which kZVariant and
   kSemanticVariant do not link) and kJoyoKanji `U+XXXX` (剝/剥, 𠮟/叱, 塡/填, 頰/頬).
   Every other kSemanticVariant item is a weak relation, and counts only when both characters have
   Japanese readings in Unihan (kJapaneseKun, kJapaneseOn) and the readings agree: they share a kun
   reading when both have kun readings, otherwise they share an on reading. This drops merges such
   as 濱 → 瀕, 澳 → 襖, 籐 → 藤, 莊 → 庄, 卍 → 万, 肆 → 四, 亲 → 榛.
2. A few weak relations that pass the reading check but join different Japanese words are
   dropped by hand (DENY below): 鯰/鮎, 鰌/鰍, 豫/預, 姆/姥, 匈/胸, 箴/針, 桌/棹.

c maps to v when v is a direct variant with rank(v) < rank(c) and v is the only direct variant of
that minimal rank; strong relations are tried first, and only when they give no variant of lower
rank than c are the strong and accepted weak ones tried together. If several variants tie at the
minimal rank, c is not mapped (ambiguous). A character of rank 1 is never mapped. Chains are then
resolved (c → v → w becomes c → w) to a fixpoint; a cycle is an error.

Only CJK ideographs (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+20000-3FFFF) are mapped, and only to
CJK ideographs. A source that NFKC already changes is skipped, since the analyser applies NFKC
first.
"""
import bz2
import os
import re
import sys
import unicodedata
from collections import defaultdict

UNIHAN_DIR = "/usr/share/unicode"
FILES = ("Unihan_Variants.txt.bz2", "Unihan_OtherMappings.txt.bz2", "Unihan_Readings.txt.bz2")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Sources", "Kensaku", "Analysis", "KanjiVariants.swift")

JAPANESE_SOURCES = {"kMorohashi"}

# Weak relations that pass the reading check but join different Japanese words.
DENY = [
    ("鯰", "鮎"),  # namazu (catfish) / ayu (sweetfish)
    ("鰌", "鰍"),  # dojō (loach) / kajika (sculpin)
    ("豫", "預"),  # 豫 is the old form of 予 (猶豫, 豫算), not of 預 (預金)
    ("姆", "姥"),  # 保姆 / 姥 (old woman)
    ("匈", "胸"),  # 匈奴, 匈牙利 / 胸
    ("箴", "針"),  # 箴言 / 針
    ("桌", "棹"),  # table (Japanese 卓) / pole, oar
]

PER_LINE = 12


def die(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)


def read_unihan(name):
    """(version, rows) of one Unihan file, rows as (code point, field, value)."""
    path = os.path.join(UNIHAN_DIR, name)
    version = None
    rows = []
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
                if m:
                    version = m.group(1)
                continue
            line = line.rstrip("\n")
            if not line:
                continue
            cp, field, value = line.split("\t", 2)
            rows.append((int(cp[2:], 16), field, value))
    if version is None:
        die(f"{path}: no 'Unicode version' line in the header")
    return version, rows


def is_cjk(c):
    return (0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF
            or 0x20000 <= c <= 0x3FFFF)


def nfkc_stable(c):
    return unicodedata.normalize("NFKC", chr(c)) == chr(c)


def build():
    for name in FILES:
        if not os.path.exists(os.path.join(UNIHAN_DIR, name)):
            die("install unicode-data: apt-get update && apt-get install -y unicode-data")
    v_var, variants = read_unihan("Unihan_Variants.txt.bz2")
    v_oth, other = read_unihan("Unihan_OtherMappings.txt.bz2")
    v_rd, readings = read_unihan("Unihan_Readings.txt.bz2")
    versions = {v_var, v_oth, v_rd}
    if len(versions) != 1:
        die(f"Unihan files of different versions: {sorted(versions)}")
    version = v_var

    # rank from kJis0 (row + cell, four digits)
    jis_row = {}
    strong = defaultdict(set)
    weak = defaultdict(set)

    def relate(graph, a, b):
        if a != b:
            graph[a].add(b)
            graph[b].add(a)

    for c, field, value in other:
        if field == "kJis0":
            if not re.fullmatch(r"\d{4}", value):
                die(f"unexpected kJis0 value {value!r} for U+{c:04X}")
            jis_row[c] = int(value[:2])
        elif field in ("kJinmeiyoKanji", "kJoyoKanji"):
            # "2010", "2010:U+XXXX" (jinmeiyō) or "U+XXXX" (jōyō): the U+ is the variant pair
            for item in value.split():
                m = re.search(r"U\+([0-9A-F]{4,6})", item)
                if m:
                    relate(strong, c, int(m.group(1), 16))

    def rank(c):
        row = jis_row.get(c)
        if row is None:
            return 3
        if 16 <= row <= 47:
            return 1
        if 48 <= row <= 84:
            return 2
        return 3

    if jis_row.get(0x4E9C) != 16 or rank(0x4E9C) != 1:
        die("kJis0 format check failed: 亜 U+4E9C should be row 16 (level 1)")

    for c, field, value in variants:
        if field not in ("kZVariant", "kSemanticVariant"):
            continue
        for item in value.split():
            target, _, src = item.partition("<")
            d = int(target[2:], 16)
            sources = {s.split(":")[0] for s in src.split(",")} if src else set()
            if field == "kZVariant" or sources & JAPANESE_SOURCES:
                relate(strong, c, d)
            else:
                relate(weak, c, d)

    for a, b in DENY:
        a, b = ord(a), ord(b)
        if b not in weak[a]:
            die(f"DENY pair {chr(a)}/{chr(b)} is not a weak relation any more; review DENY")
        weak[a].discard(b)
        weak[b].discard(a)

    kun, on = {}, {}
    for c, field, value in readings:
        if field == "kJapaneseKun":
            kun[c] = set(value.split())
        elif field == "kJapaneseOn":
            on[c] = set(value.split())

    def readings_agree(a, b):
        if a in kun and b in kun:
            return bool(kun[a] & kun[b])
        if a in on and b in on:
            return bool(on[a] & on[b])
        return False

    def pick(c, candidates):
        """The unique variant of minimal rank below rank(c), None if none, False if a tie."""
        cands = [v for v in candidates if v != c and is_cjk(v)]
        if not cands:
            return None
        best_rank = min(rank(v) for v in cands)
        if best_rank >= rank(c):
            return None
        best = [v for v in cands if rank(v) == best_rank]
        return best[0] if len(best) == 1 else False

    mapping = {}
    for c in sorted(set(strong) | set(weak)):
        if not is_cjk(c) or not nfkc_stable(c) or rank(c) == 1:
            continue
        v = pick(c, strong[c])
        if v is None:
            accepted = {w for w in weak[c] if readings_agree(c, w)}
            v = pick(c, strong[c] | accepted)
        if v:
            mapping[c] = v

    # resolve chains to a fixpoint
    for c in list(mapping):
        seen = {c}
        t = mapping[c]
        while t in mapping:
            if t in seen:
                die(f"cycle through U+{c:04X}")
            seen.add(t)
            t = mapping[t]
        mapping[c] = t

    for c, v in mapping.items():
        assert is_cjk(c) and is_cjk(v) and nfkc_stable(v) and v not in mapping, (hex(c), hex(v))
        assert rank(v) < rank(c) and rank(c) != 1, (hex(c), hex(v))
    return version, mapping


def fold(mapping, ch):
    return chr(mapping.get(ord(ch), ord(ch)))


def self_check(mapping):
    f = lambda ch: fold(mapping, ch)
    must_differ = [("予", "余"), ("斎", "斉"), ("弁", "辯"), ("弁", "辨"), ("弁", "瓣"),
                   ("浜", "瀕"), ("藤", "籐")]
    for a, b in must_differ:
        if f(a) == f(b):
            die(f"self-check: {a} and {b} fold together")
    expected = {"弁": "弁", "髙": "高", "﨑": "崎", "國": "国", "廣": "広", "櫻": "桜", "與": "与",
                "齊": "斉"}
    for src, want in expected.items():
        if f(src) != want:
            die(f"self-check: {src} folds to {f(src)}, expected {want}")


def hex_rows(values):
    lines = []
    for i in range(0, len(values), PER_LINE):
        lines.append("        " + " ".join(f"0x{v:04X}," for v in values[i:i + PER_LINE]))
    return "\n".join(lines)


def swift_source(version, mapping):
    src = sorted(mapping)
    dst = [mapping[c] for c in src]
    return f"""\
// Generated by scripts/gen_kanji_variants.py from Unihan {version} — do not edit.
// Folds a kanji variant (異体字) to its common form, one scalar to one scalar. rank = 1 for JIS X 0208
// level 1 (kJis0 row 16–47), 2 for level 2 (row 48–84), 3 otherwise. Variants: kZVariant and
// kSemanticVariant, symmetric; strong ones (kZVariant, kMorohashi, kJinmeiyoKanji/kJoyoKanji pairs)
// first, the rest (Chinese-dictionary semantic variants) only when the two characters' Japanese
// readings agree, less a reviewed deny list. c → v when v is the only variant of minimal rank and
// that rank is below c's; rank-1 characters, ties and NFKC-changed sources are never mapped; chains
// resolved. Only CJK ideographs, to CJK ideographs. {len(src)} mappings. Full rule: the script.
enum KanjiVariants {{
    /// Source scalars, ascending.
    static let from: [UInt32] = [
{hex_rows(src)}
    ]
    /// For each source, its common form.
    static let to: [UInt32] = [
{hex_rows(dst)}
    ]

    /// The common form of `c`, or `c` itself (binary search over `from`).
    @inline(__always)
    static func fold(_ c: UInt32) -> UInt32 {{
        if c < 0x3400 || c > 0x{src[-1]:04X} {{ return c }}
        var lo = 0
        var hi = from.count
        while lo < hi {{
            let mid = (lo + hi) >> 1
            let v = from[mid]
            if v < c {{
                lo = mid + 1
            }} else if v > c {{
                hi = mid
            }} else {{
                return to[mid]
            }}
        }}
        return c
    }}
}}
"""


def main():
    args = sys.argv[1:]
    version, mapping = build()
    self_check(mapping)
    if "--list" in args:
        for c in sorted(mapping):
            print(f"{chr(c)}\tU+{c:04X}\t{chr(mapping[c])}\tU+{mapping[c]:04X}")
        return
    if "--show" in args:
        chars = "".join(args[args.index("--show") + 1:])
        print(" ".join(f"{ch}→{fold(mapping, ch)}" for ch in chars if not ch.isspace()))
        return
    if mapping and min(mapping) < 0x3400:
        die("a source below U+3400: fold's fast path would skip it")
    text = swift_source(version, mapping)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.normpath(OUT)}: {len(mapping)} mappings, Unihan {version}, "
          f"{len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
