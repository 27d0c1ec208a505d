#!/usr/bin/env python3
"""The source library on real OCR: quotations checked against digitised newspapers.

Library: the RAW OCR of the OverProof dev articles (dataset2 = Sydney Morning Herald,
dataset3 = Chronicling America titles), each with an invented, deterministic date.
Essays: one file per case, quoting the HUMAN-CORRECTED text:
  exact    -> expected verdict found        (no CT601/602/603)
  altered  -> expected CT602 quote-altered  (one interior content word replaced or dropped)
  misdated -> expected CT603 wrong-source-or-date (same source, another article's date)
  invented -> expected CT601 quote-not-found
Run by hand: ``python bench/library_ocr.py [--data DIR] [--seed N] [--workdir DIR]``
(``--data``: the dev set's ``ocr/overproof`` folder, read where it lies; nothing of
it is copied into the project). Prints the wrong verdicts and a table of expected
against given verdicts; the details go to ``WORKDIR/library_eval.json``.
"""

from __future__ import annotations

import argparse
import calendar
import collections
import csv
import datetime as dt
import difflib
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "devsets" / "ocr" / "overproof"
DATASETS = [("d2", "dataset2_dev.txt"), ("d3", "dataset3_dev.txt")]
SEP = "||@@||"
N_EXACT_CLEAN, N_EXACT_DIRTY = 30, 30
N_ALT_REPLACE, N_ALT_DROP = 15, 15
N_MISDATED, N_INVENTED = 25, 30

STOP = set(
    """a an the and or but nor of to in on at by for with from as is was were be been are
that this these those it its he she they them his her their we our you your i me my not no
so if than then there here which who whom whose what when where while all any some such
has have had do did does will would shall should can could may might must upon into out up
about over under after before also only very more most much many other one two mr mrs""".split()
)

INVENTED = [
    "The committee resolved unanimously to purchase a steam fire engine for the borough",
    "Several hundred spectators gathered on the wharf to watch the new lighthouse lamp",
    "The governor declined to receive the deputation of wool growers on Thursday",
    "A violent hailstorm destroyed the orchards of the valley late last evening",
    "Our correspondent reports that the bridge over the creek was swept away",
    "The bank has agreed to advance further funds to the tramway company",
    "Prices of maize and oats fell sharply at the produce market yesterday",
    "The bishop laid the foundation stone of the new orphan school on Monday",
    "It is rumoured that the mail steamer will be delayed by heavy gales",
    "The jury returned a verdict of accidental death after brief deliberation",
    "Residents of the northern suburbs complain bitterly of the dust and noise",
    "The cricket match between the colonies was abandoned owing to persistent rain",
    "A petition bearing four thousand signatures was presented to the mayor today",
    "The railway commissioners intend to lower the fares on suburban lines shortly",
    "Miners at the eastern shaft refused to descend until the pumps were repaired",
    "The regatta was largely attended and the weather proved exceptionally fine",
    "Two prisoners escaped from the county jail by cutting through the roof",
    "The legislature adjourned without passing the appropriation bill for schools",
    "Farmers along the river fear that the levee will not hold much longer",
    "The new opera house will seat twelve hundred persons when it is completed",
    "A large consignment of Chinese silk arrived by the barque yesterday morning",
    "The harbour trust proposes to deepen the channel near the quarantine station",
    "Citizens are urged to boil all drinking water until the epidemic subsides",
    "The volunteer artillery paraded before the commandant on the racecourse reserve",
    "Telegraphic communication with the western districts was restored this afternoon",
    "The price of gas will be reduced by sixpence per thousand feet",
    "An elderly shepherd was found exhausted near the boundary fence of the station",
    "The postmaster general promises a daily delivery of letters to outlying townships",
    "Heavy snow has blocked the mountain pass and the coaches cannot proceed",
    "The society for the prevention of cruelty to animals held its annual meeting",
    "Sugar planters on the windward coast are anxious about the labor supply",
    "The city council rejected the proposal to light the streets with electricity",
]


def norm(tok: str) -> str:
    return re.sub(r"[^0-9a-z]", "", tok.lower())


def source_for(ds: str, title: str) -> str:
    if ds == "d2":
        return "Sydney Morning Herald"
    t = title.upper()
    if "CAIRO" in t or "CARIRO" in t or "sn88074142" in title:
        return "Cairo Daily Bulletin"
    if "INDEPENDENT" in t or "sn85047097" in title:
        # "(The Independent, 1896. 7. 21)" is not extracted by citetrace; avoid the article
        return "Honolulu Independent"
    if "SAN FRANCISCO" in t or "sn85066387" in title:
        return "San Francisco Call"
    if "MOHAVE" in t:
        return "Mohave County Miner"
    if "WASHINGTON" in t or "sn84026749" in title:
        return "Washington Times"
    return "Chronicling America"


def load_articles(data: Path) -> list[dict]:
    """The overProof articles: header, raw OCR lines and their corrections."""
    arts = []
    for ds, name in DATASETS:
        cur = None
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("*$*OVERPROOF*$*"):
                m = re.match(
                    r"\*\$\*OVERPROOF\*\$\*\s+(\S+)\s+year\s+(\d{4})\s+type\s+.*?title\s*(.*)", line
                )
                aid, year, title = m.group(1), int(m.group(2)), m.group(3)
                cur = dict(ds=ds, id=aid, year=year, title=title, raw=[], gt=[])
                cur["key"] = f"{ds}-{len([a for a in arts if a['ds'] == ds]):03d}-{aid}"
                cur["source"] = source_for(ds, title)
                arts.append(cur)
                continue
            if cur is None or SEP not in line:
                continue
            parts = line.split(SEP)
            cur["raw"].append(parts[0])
            cur["gt"].append(parts[1])
    for a in arts:
        a["raw_text"] = "\n".join(a["raw"])
        a["gt_text"] = "\n".join(a["gt"])
    return arts


def assign_dates(arts):
    used = set()
    for a in arts:
        y = a["year"]
        ndays = 366 if calendar.isleap(y) else 365
        off = int(hashlib.sha256(a["key"].encode()).hexdigest(), 16) % ndays
        d = dt.date(y, 1, 1) + dt.timedelta(days=off)
        while (a["source"], d) in used:
            d += dt.timedelta(days=1)
            if d.year != y:
                d = dt.date(y, 1, 1)
        used.add((a["source"], d))
        a["date"] = d


def tokens_by_line(lines):
    """Whitespace tokens with their line index; a word broken by a hyphen at a line end
    ("con-" / "stitution") is one token (a reader quoting the text would join it)."""
    toks, where = [], []
    for n, line in enumerate(lines):
        for k, t in enumerate(line.split()):
            if (
                k == 0
                and toks
                and toks[-1].endswith("-")
                and where[-1] == n - 1
                and t[:1].islower()
                and len(toks[-1]) > 1
            ):
                toks[-1] = toks[-1][:-1] + t
                continue
            toks.append(t)
            where.append(n)
    return toks, where


def align(a):
    """Token-align ground truth to OCR; per GT token: equal? and OCR index."""
    gt, a["gt_line"] = tokens_by_line(a["gt"])
    ocr, a["ocr_line"] = tokens_by_line(a["raw"])
    sm = difflib.SequenceMatcher(
        None, [norm(t) for t in gt], [norm(t) for t in ocr], autojunk=False
    )
    eq = [False] * len(gt)
    g2o = [None] * len(gt)
    ins_after = collections.Counter()  # OCR tokens inserted before GT index i
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                eq[i1 + k] = True
                g2o[i1 + k] = j1 + k
        elif op == "replace":
            for k in range(i2 - i1):
                g2o[i1 + k] = min(j1 + k * (j2 - j1) // max(1, i2 - i1), j2 - 1)
        elif op == "delete":
            for k in range(i2 - i1):
                g2o[i1 + k] = j1
        elif op == "insert":
            ins_after[i1] += j2 - j1
    a["gt_tok"], a["ocr_tok"], a["eq"], a["g2o"], a["ins"] = gt, ocr, eq, g2o, ins_after


BAD_CHARS = set('"“”‘’()[]{}*|\\/<>_=+#$%&@^~`')


def clean_span(toks):
    """Return the quotation words (edge punctuation stripped) or None if the span is unsuitable."""
    if any(set(t) & BAD_CHARS for t in toks):
        return None
    for t in toks[:-1]:
        if re.search(r"[.!?]", t):
            return None
    words = list(toks)
    words[0] = words[0].lstrip("-'.,;:")
    words[-1] = re.sub(r"[-.,;:!?']+$", "", words[-1])
    if not words[0] or not words[-1]:
        return None
    alpha = sum(
        1 for w in words if re.fullmatch(r"[A-Za-z][A-Za-z'-]*[,;:]?", w) and len(norm(w)) >= 2
    )
    if alpha < 0.8 * len(words):
        return None
    if any(len(w) > 25 for w in words):
        return None
    return words


def span_errors(a, i, j):
    e = sum(1 for k in range(i, j) if not a["eq"][k])
    e += sum(a["ins"][k] for k in range(i + 1, j))
    return e


def ocr_passage(a, i, j):
    """The raw OCR lines that hold GT tokens i..j-1 (GT and OCR lines correspond one to one)."""
    lo, hi = a["gt_line"][i], a["gt_line"][j - 1]
    return " / ".join(a["raw"][lo : hi + 1])


def word_diff(quote, source):
    """The words that differ between the quotation and the source's words: 'quoted→source'."""
    q = [norm(w) for w in quote.split() if norm(w)]
    s = [norm(w) for w in re.split(r"[\s]+", source or "") if norm(w)]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, q, s, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{' '.join(q[i1:i2]) or '∅'}→{' '.join(s[j1:j2]) or '∅'}")
    return out


def pick_span(rng, a, lo_len, hi_len, want_dirty=None, tries=400):
    n = len(a["gt_tok"])
    for _ in range(tries):
        L = rng.randint(lo_len, hi_len)
        if n < L + 2:
            return None
        i = rng.randrange(0, n - L)
        j = i + L
        words = clean_span(a["gt_tok"][i:j])
        if words is None:
            continue
        err = span_errors(a, i, j)
        if want_dirty is True and err == 0:
            continue
        if want_dirty is False and err > 0:
            continue
        return dict(i=i, j=j, words=words, ocr_errors=err)
    return None


def cite(source, d):
    return f"({source}, {d.year}. {d.month}. {d.day})"


def content_positions(words):
    return [
        k
        for k in range(1, len(words) - 1)
        if re.fullmatch(r"[A-Za-z]+[,;:]?", words[k])
        and len(norm(words[k])) >= 4
        and norm(words[k]) not in STOP
    ]


def build_cases(arts, rng):
    usable = [a for a in arts if len(a["gt_tok"]) >= 30]
    by_source = collections.defaultdict(list)
    for a in arts:
        by_source[a["source"]].append(a)
    vocab = sorted(
        {
            norm(t)
            for a in arts
            for t in a["gt_tok"]
            if re.fullmatch(r"[a-z]{5,12}", t) and t not in STOP
        }
    )
    cases = []

    def add(kind, a, span, quote, cited_date, **extra):
        cases.append(
            dict(
                id=f"{kind}-{len([c for c in cases if c['kind'] == kind]):03d}",
                kind=kind,
                article=a["key"] if a else None,
                source=(a or extra.pop("src_art"))["source"],
                true_date=str(a["date"]) if a else None,
                cited_date=str(cited_date),
                quote=quote,
                gt_span=" ".join(span["words"]) if span else None,
                ocr_errors=span["ocr_errors"] if span else None,
                ocr_passage=ocr_passage(a, span["i"], span["j"]) if span else None,
                **extra,
            )
        )

    def spans(n, lo, hi, dirty, kind, make):
        got, guard = 0, 0
        order = usable[:]
        while got < n and guard < 50 * n:
            guard += 1
            a = rng.choice(order)
            sp = pick_span(rng, a, lo, hi, dirty)
            if sp is None:
                continue
            if make(a, sp):
                got += 1

    # exact: clean and dirty
    def mk_exact(a, sp):
        add("exact", a, sp, " ".join(sp["words"]), a["date"])
        return True

    spans(N_EXACT_CLEAN, 6, 14, False, "exact", mk_exact)
    spans(N_EXACT_DIRTY, 6, 14, True, "exact", mk_exact)

    # altered: replace one interior content word / drop one
    def mk_replace(a, sp):
        pos = content_positions(sp["words"])
        if not pos:
            return False
        k = rng.choice(pos)
        w = sp["words"][k]
        core, tail = re.match(r"([A-Za-z]+)(.*)", w).groups()
        for _ in range(50):
            r = rng.choice(vocab)
            if difflib.SequenceMatcher(None, r, core.lower()).ratio() < 0.4:
                break
        r = r.capitalize() if core[0].isupper() else r
        new = [*sp["words"][:k], r + tail, *sp["words"][k + 1 :]]
        add("altered", a, sp, " ".join(new), a["date"], alteration=f"replace '{w}' -> '{r + tail}'")
        return True

    def mk_drop(a, sp):
        pos = content_positions(sp["words"])
        if not pos:
            return False
        k = rng.choice(pos)
        new = sp["words"][:k] + sp["words"][k + 1 :]
        add("altered", a, sp, " ".join(new), a["date"], alteration=f"drop '{sp['words'][k]}'")
        return True

    spans(N_ALT_REPLACE, 6, 14, None, "altered", mk_replace)
    spans(N_ALT_DROP, 7, 14, None, "altered", mk_drop)

    # misdated: same source, another article's date
    def mk_misdated(a, sp):
        others = [b for b in by_source[a["source"]] if b is not a and b["date"] != a["date"]]
        if not others:
            return False
        b = rng.choice(others)
        add("misdated", a, sp, " ".join(sp["words"]), b["date"], cited_article=b["key"])
        return True

    spans(N_MISDATED, 6, 14, None, "misdated", mk_misdated)

    # invented: cited to a real article's source and date
    gt_all = " ".join(norm(t) for a in arts for t in a["gt_tok"])
    sents = INVENTED[:]
    rng.shuffle(sents)
    for s in sents[:N_INVENTED]:
        b = rng.choice(arts)
        ws = [norm(w) for w in s.split()]
        grams = [" ".join(ws[k : k + 4]) for k in range(len(ws) - 3)]
        overlap = sum(1 for g in grams if f" {g} " in f" {gt_all} ")
        cases.append(
            dict(
                id=f"invented-{len([c for c in cases if c['kind'] == 'invented']):03d}",
                kind="invented",
                article=None,
                source=b["source"],
                true_date=None,
                cited_date=str(b["date"]),
                cited_article=b["key"],
                quote=s,
                gt_span=None,
                ocr_errors=None,
                ocr_passage=None,
                gt_4gram_overlap=overlap,
            )
        )
    return cases


EXPECTED = {
    "exact": "found",
    "altered": "altered",
    "misdated": "elsewhere",
    "invented": "not-found",
}
EXPECTED_CODE = {"exact": None, "altered": "CT602", "misdated": "CT603", "invented": "CT601"}


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--citetrace", default=shutil.which("citetrace") or "citetrace")
    ap.add_argument("--data", type=Path, default=DATA, help="the overProof dev folder")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "citetrace-library-ocr"))
    ap.add_argument(
        "--quiet-wrong", action="store_true", help="do not print the wrong-verdict details"
    )
    args = ap.parse_args()
    work = Path(args.workdir)
    rng = random.Random(args.seed)

    arts = load_articles(args.data)
    assign_dates(arts)
    for a in arts:
        align(a)

    # 1. library
    libdir, essays, db = work / "lib", work / "essays", work / "lib.db"
    for p in (libdir, essays):
        shutil.rmtree(p, ignore_errors=True)
        p.mkdir(parents=True)
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    with open(libdir / "manifest.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["path", "source", "date", "title"])
        for a in arts:
            fn = f"{a['key']}.txt"
            (libdir / fn).write_text(a["raw_text"] + "\n", encoding="utf-8")
            w.writerow(
                [fn, a["source"], a["date"].isoformat(), f"{a['source']} {a['date']} ({a['key']})"]
            )
    p = run(
        [
            args.citetrace,
            "library",
            "add",
            "--manifest",
            str(libdir / "manifest.csv"),
            "--library",
            str(db),
        ]
    )
    print(p.stdout.strip(), p.stderr.strip())
    if p.returncode != 0:
        sys.exit(f"library add failed ({p.returncode})")

    # 2. essays
    cases = build_cases(arts, rng)
    for c in cases:
        d = dt.date.fromisoformat(c["cited_date"])
        text = f"The paper wrote that “{c['quote']}” {cite(c['source'], d)}.\n"
        c["essay"] = str(essays / f"{c['id']}.txt")
        Path(c["essay"]).write_text(text, encoding="utf-8")

    # 3. audit
    p = run([args.citetrace, "audit", str(essays), "--library", str(db), "--format", "json"])
    if p.returncode not in (0, 1):
        print(p.stderr[:2000])
        sys.exit(f"audit failed ({p.returncode})")
    report = json.loads(p.stdout)
    by_path = {Path(d["path"]).resolve(): d for d in report["documents"]}

    for c in cases:
        doc = by_path.get(Path(c["essay"]).resolve())
        c.update(
            got="no-document",
            verdict=None,
            codes=[],
            findings=[],
            trace_q=None,
            extracted_quote=None,
        )
        if doc is None:
            continue
        cits = doc["citations"]
        if len(cits) != 1:
            c["got"] = f"{len(cits)}-citations"
            continue
        ci = cits[0]
        c["parsed"] = dict(source=ci.get("source"), date=ci.get("date"))
        qs = (ci.get("trace") or {}).get("quotations") or []
        fs = [
            f
            for f in doc["findings"]
            if f["code"].startswith("CT6") and f.get("citation") == ci["id"]
        ]
        c["findings"] = [
            dict(
                code=f["code"], rule=f["rule"], message=f["message"], suggestion=f.get("suggestion")
            )
            for f in fs
        ]
        c["codes"] = sorted(
            {f["code"] for f in fs if f["code"] in ("CT601", "CT602", "CT603", "CT604", "CT606")}
        )
        if not ci.get("trace"):
            c["got"] = "no-trace"
            continue
        if not qs:
            c["got"] = "no-quotation"
            continue
        q = qs[0]
        c["trace_q"] = {
            k: q.get(k)
            for k in (
                "verdict",
                "score",
                "text",
                "source_words",
                "source_before",
                "source_after",
                "page",
            )
        }
        if q.get("document"):
            c["trace_q"]["document"] = q["document"].get("title")
        c["extracted_quote"] = q.get("text")
        c["verdict"] = q["verdict"]
        c["got"] = q["verdict"] if len(qs) == 1 else f"{q['verdict']}+{len(qs) - 1}more"
    for c in cases:
        exp = EXPECTED[c["kind"]]
        code_ok = (
            (not ({"CT601", "CT602", "CT603"} & set(c["codes"])))
            if EXPECTED_CODE[c["kind"]] is None
            else EXPECTED_CODE[c["kind"]] in c["codes"]
        )
        c["finding_ok"] = code_ok
        c["correct"] = c["got"] == exp and code_ok

    # 4. report
    wrong = [c for c in cases if not c["correct"]]
    if not args.quiet_wrong:
        print(f"\n=== WRONG VERDICTS ({len(wrong)}) ===")
        for c in wrong:
            print(
                f"\n--- {c['id']}  expected {EXPECTED[c['kind']]}, got {c['got']}"
                f" codes={c['codes']}  ocr_errors={c['ocr_errors']}  {c.get('alteration', '')}"
            )
            print(f"  quote : {c['quote']}")
            if c["gt_span"] and c["gt_span"] != c["quote"]:
                print(f"  truth : {c['gt_span']}")
            if c["ocr_passage"]:
                print(f"  OCR   : {c['ocr_passage']}")
            if c.get("extracted_quote") and c["extracted_quote"].strip('“”" .') != c["quote"]:
                print(f"  extracted quotation: {c['extracted_quote']}")
            if c["trace_q"] and c["trace_q"].get("source_words") is not None:
                print(
                    f"  trace : score={c['trace_q'].get('score')}"
                    f" doc={c['trace_q'].get('document')}"
                    f" source_words={c['trace_q'].get('source_words')!r}"
                )
                print(
                    "  differs: "
                    + (", ".join(word_diff(c["quote"], c["trace_q"]["source_words"])) or "-")
                )
            for f in c["findings"]:
                print(f"  {f['code']}: {f['message']}")

    out = dict(
        seed=args.seed,
        citetrace=args.citetrace,
        n_articles=len(arts),
        articles=[
            dict(key=a["key"], source=a["source"], date=str(a["date"]), title=a["title"])
            for a in arts
        ],
        cases=cases,
    )
    (work / "library_eval.json").write_text(
        json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8"
    )

    cols = ["found", "altered", "elsewhere", "not-found", "unclear", "other"]
    rows = [
        ("exact (clean)", lambda c: c["kind"] == "exact" and c["ocr_errors"] == 0),
        ("exact (1 OCR err)", lambda c: c["kind"] == "exact" and c["ocr_errors"] == 1),
        ("exact (2+ OCR err)", lambda c: c["kind"] == "exact" and (c["ocr_errors"] or 0) >= 2),
        (
            "altered (replace)",
            lambda c: c["kind"] == "altered" and c["alteration"].startswith("replace"),
        ),
        ("altered (drop)", lambda c: c["kind"] == "altered" and c["alteration"].startswith("drop")),
        ("misdated", lambda c: c["kind"] == "misdated"),
        ("invented", lambda c: c["kind"] == "invented"),
    ]
    print(
        f"\n=== SUMMARY (seed {args.seed}; {len(arts)} library documents; {len(cases)} cases) ==="
    )
    head = (
        f"{'case':<20}{'expect':<11}{'n':>4}"
        + "".join(f"{k:>11}" for k in cols)
        + f"{'correct':>9}{'finding ok':>12}"
    )
    print(head)
    print("-" * len(head))
    tot_n = tot_ok = tot_fok = 0
    for name, pred in rows:
        sel = [c for c in cases if pred(c)]
        if not sel:
            continue
        cnt = collections.Counter(c["got"] if c["got"] in cols else "other" for c in sel)
        ok = sum(c["correct"] for c in sel)
        fok = sum(c["finding_ok"] for c in sel)
        tot_fok += fok
        tot_n += len(sel)
        tot_ok += ok
        exp = EXPECTED[sel[0]["kind"]]
        print(
            f"{name:<20}{exp:<11}{len(sel):>4}"
            + "".join(f"{cnt.get(k, 0):>11}" for k in cols)
            + f"{ok:>9}{fok:>12}"
        )
    print("-" * len(head))
    print(f"{'total':<20}{'':<11}{tot_n:>4}" + " " * 11 * len(cols) + f"{tot_ok:>9}{tot_fok:>12}")
    print(
        "correct = verdict as expected and the expected finding (exact: no CT601/602/603);"
        " finding ok = the findings alone are right"
        " (an exact quotation called 'unclear' gives none)"
    )
    others = collections.Counter(c["got"] for c in cases if c["got"] not in cols)
    if others:
        print("other =", dict(others))
    print(f"details: {work / 'library_eval.json'}; essays: {essays}; library: {db}")


if __name__ == "__main__":
    main()
