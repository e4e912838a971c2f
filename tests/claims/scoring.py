"""The project's copy of the consensus scorer (shared/eval/score_consensus.py), so tests run without shared/.

``score(export, gold)`` takes an ``export_consensus``-shaped dict and a reference in the layout of
``tests/data/eval/seeds_gold.json`` and returns pair precision/recall/F1, B-cubed, points whole, noise leaks
and conflicts found. Keep the logic identical to the shared scorer.
"""
import itertools
import json
import re
import sys
import unicodedata
from pathlib import Path

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def norm(text):
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def load(path):
    if path == "-":
        return json.load(sys.stdin)
    return json.loads(Path(path).read_text(encoding="utf-8"))


def score(export, gold):
    origin_of = {}
    for article in export.get("articles", []):
        origin = article.get("origin") or ""
        origin_of[article["id"]] = Path(str(origin)).name
    claims = []  # (entry index, claim key, origin, normalised text)
    for index, entry in enumerate(export.get("entries", [])):
        for claim in entry.get("claims", []):
            origin = origin_of.get(claim.get("article"), "")
            key = (origin, claim.get("start"), claim.get("end"), norm(claim.get("text", "")))
            claims.append((index, key, origin, norm(claim.get("text", ""))))

    labels = {}  # claim key -> set of point ids
    for point in gold["consensus"]:
        for origin, quotes in point["support"].items():
            for quote in quotes:
                q = norm(quote)
                for _, key, claim_origin, text in claims:
                    if claim_origin == origin and q in text:
                        labels.setdefault(key, set()).add(point["id"])

    entries_of = {}
    for index, key, _, _ in claims:
        entries_of.setdefault(key, set()).add(index)
    labelled = sorted(labels, key=str)

    same_entry = same_both = 0
    for a, b in itertools.combinations(labelled, 2):
        if entries_of[a] & entries_of[b]:
            same_entry += 1
            if labels[a] & labels[b]:
                same_both += 1
    should = joined = 0
    for point in gold["consensus"]:
        entries_by_origin = {}
        for key in labelled:
            if point["id"] in labels[key]:
                entries_by_origin.setdefault(key[0], set()).update(entries_of[key])
        for a, b in itertools.combinations(sorted(point["support"]), 2):
            should += 1
            if entries_by_origin.get(a, set()) & entries_by_origin.get(b, set()):
                joined += 1
    quotes = [(origin, norm(q)) for point in gold["consensus"] for origin, qs in point["support"].items() for q in qs]
    covered = sum(any(o == origin and q in text for _, _, o, text in claims) for origin, q in quotes)
    precision = same_both / same_entry if same_entry else 0.0
    recall = joined / should if should else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    b3_p = b3_r = 0.0
    for a in labelled:
        entry_mates = {b for b in labelled if entries_of[a] & entries_of[b]}
        label_mates = {b for b in labelled if labels[a] & labels[b]}
        both = len(entry_mates & label_mates)
        b3_p += both / len(entry_mates)
        b3_r += both / len(label_mates)
    b3_p, b3_r = (b3_p / len(labelled), b3_r / len(labelled)) if labelled else (0.0, 0.0)
    b3_f1 = 2 * b3_p * b3_r / (b3_p + b3_r) if b3_p + b3_r else 0.0

    whole = []
    for point in gold["consensus"]:
        needed = set(point["support"])
        for index, entry in enumerate(export.get("entries", [])):
            have = {origin for i, key, origin, _ in claims if i == index and point["id"] in labels.get(key, ())}
            if needed <= have:
                whole.append(point["id"])
                break
    missing = [p["id"] for p in gold["consensus"] if p["id"] not in whole]

    leaks = []
    for origin, strings in gold.get("noise", {}).items():
        for s in strings:
            n = norm(s)
            if any(o == origin and n in text for _, _, o, text in claims):
                leaks.append(s)

    found_conflicts = []
    exported = [norm(json.dumps(c, ensure_ascii=False)) for c in export.get("conflicts", [])]
    for conflict in gold.get("conflicts", []):
        sides = conflict.get("sides", [])
        if any(all(any(norm(t) in blob for t in side) for side in sides) for blob in exported):
            found_conflicts.append(conflict["id"])

    return {
        "pair_precision": round(precision, 3),
        "pair_recall": round(recall, 3),
        "f1": round(f1, 3),
        "b3_precision": round(b3_p, 3),
        "b3_recall": round(b3_r, 3),
        "b3_f1": round(b3_f1, 3),
        "points_whole": f"{len(whole)}/{len(gold['consensus'])}",
        "points_missing": missing,
        "labelled_claims": len(labelled),
        "quote_coverage": round(covered / len(quotes), 3) if quotes else 0.0,
        "entries": len(export.get("entries", [])),
        "noise_leaks": leaks,
        "conflicts_found": f"{len(found_conflicts)}/{len(gold.get('conflicts', []))}",
    }
