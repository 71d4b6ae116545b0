#!/usr/bin/env python3
"""Rebuild the compact ward-pair and council files shipped in scenarios/local/ (stdlib only).

Usage: python3 scenarios/local/build.py [SHARED_DATA_DIR]   (default: ../shared/data from the repo root)

Reads the normalised pair files of data/local/ and the lookups of data/lookups/ (see SOURCES.md beside this
script) and writes, gzip-compressed with a fixed timestamp so that a rebuild is byte-identical:

* pair_<earlier>_<later>.csv.gz - one row per matched ward in the documented ward-pair format
  (pair, ward, council_code, earlier_total, earlier_<party>..., later_total, later_<party>...);
* councils.csv.gz - every council code of the lookups with region, authority type, EU-referendum electorate
  and Leave share, plus the GB partition used for the strata weights (2016 counting areas, Scotland, Wales).
"""
import csv
import gzip
import io
import os
import sys

PARTIES = ["con", "lab", "ld", "green", "reform", "ukip", "ind", "other"]
PAIRS = ["2014_2018", "2016_2021", "2017_2021", "2018_2022", "2019_2023", "2021_2024", "2021_2025"]
HERE = os.path.dirname(os.path.abspath(__file__))


def write_gz(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))


def councils(lookups):
    regions = {r["council_code"]: r for r in csv.DictReader(open(os.path.join(lookups, "council_regions.csv")))}
    elect = {r["council_code"]: r for r in csv.DictReader(open(os.path.join(lookups, "council_electorate.csv")))}
    eu = {r["area_code"]: r for r in csv.DictReader(open(os.path.join(lookups, "eu_referendum_2016_by_area.csv")))}

    def members(code):
        """2016 counting areas making up a council, following the electorate file's own basis."""
        if code in eu:
            return [code]
        basis = elect[code]["eu_ref_2016_basis"]
        if basis.startswith("direct via canonical code "):
            return members(basis.split()[-1])
        if basis.startswith("sum of predecessors "):
            return [m for p in basis.split()[3:] for m in members(p)]
        if regions[code]["authority_type"] == "county":
            return [c for c, r in regions.items() if r["parent_county_code"] == code and c in eu]
        raise SystemExit(f"no basis for {code}: {basis}")

    rows = []
    for code, r in regions.items():
        m = members(code)
        electorate = sum(int(eu[c]["electorate"]) for c in m)
        assert electorate == int(elect[code]["eu_ref_2016_electorate"]), code
        leave = sum(int(eu[c]["leave"]) for c in m) / sum(int(eu[c]["valid_votes"]) for c in m)
        partition = 1 if code in eu else 0
        rows.append([code, r["council_name"], r["region"], r["authority_type"], electorate, f"{leave:.6f}", partition])
    for nation, code in [("Scotland", "S92000003"), ("Wales", "W92000004")]:
        areas = [a for a in eu.values() if a["region"] == nation]
        electorate = sum(int(a["electorate"]) for a in areas)
        leave = sum(int(a["leave"]) for a in areas) / sum(int(a["valid_votes"]) for a in areas)
        rows.append([code, nation, nation, "nation", electorate, f"{leave:.6f}", 1])
    return rows, regions


def pair(local, name, regions):
    wards = {}
    for r in csv.DictReader(open(os.path.join(local, f"pair_{name}_totals.csv"))):
        w = wards.setdefault(r["match_key"], {})
        w[r["role"]] = {"total": int(r["total_votes"]), "contests": int(r["council_contests"] or 0)}
        if r["role"] == "earlier":
            w["code"] = regions[r["council_code"]]["canonical_code"]
    for r in csv.DictReader(open(os.path.join(local, f"pair_{name}.csv"))):
        c = wards[r["match_key"]][r["role"]]
        c[r["party"]] = c.get(r["party"], 0) + int(r["votes"])
    rows, dropped, uncontested = [], 0, 0
    label = name.replace("_", "-")
    for key in sorted(wards):
        w = wards[key]
        # A lone same-day by-election (fewer than 3 contests in the council that day) is not a scheduled
        # contest of the ward: leave it out (20 wards, all in 2016/2017 LEAP files).
        if w["earlier"]["contests"] < 3 or w["later"]["contests"] < 3:
            dropped += 1
            continue
        # Seats returned unopposed appear in LEAP with 0 votes: there is no share to compare.
        if w["earlier"]["total"] == 0 or w["later"]["total"] == 0:
            uncontested += 1
            continue
        row = [label, key, w["code"]]
        for role in ["earlier", "later"]:
            c = w[role]
            row.append(c["total"])
            row.extend(c.get(p, "") for p in PARTIES)
        rows.append(row)
    return rows, dropped, uncontested


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data")
    local, lookups = os.path.join(shared, "local"), os.path.join(shared, "lookups")
    council_rows, regions = councils(lookups)
    write_gz(
        os.path.join(HERE, "councils.csv.gz"),
        ["code", "name", "region", "authority_type", "electorate", "leave", "partition"],
        council_rows,
    )
    header = ["pair", "ward", "council_code", "earlier_total"] + [f"earlier_{p}" for p in PARTIES]
    header += ["later_total"] + [f"later_{p}" for p in PARTIES]
    for name in PAIRS:
        rows, dropped, uncontested = pair(local, name, regions)
        write_gz(os.path.join(HERE, f"pair_{name}.csv.gz"), header, rows)
        print(f"{name}: {len(rows)} wards ({dropped} lone by-elections, {uncontested} uncontested left out)")


if __name__ == "__main__":
    main()
