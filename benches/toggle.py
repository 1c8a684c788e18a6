#!/usr/bin/env python3
"""Changes one answer for a rebuild benchmark (BENCHMARKS.md, eleventh session).

    python3 benches/toggle.py DIR/inputs/answers.csv

Adds « (x) » at the end of the first row's follow-up question (which its
letter prints), or takes it away if it is there; writes a new file and
renames it in place, as `sed -i` does, so that `interpel watch` sees one
change.
"""
import csv
import os
import sys

path = sys.argv[1]
with open(path, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
column = rows[0].index("follow_up")
cell = rows[1][column]
rows[1][column] = cell[: -len(" (x)")] if cell.endswith(" (x)") else cell + " (x)"
tmp = path + ".toggle"
with open(tmp, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
os.replace(tmp, path)
