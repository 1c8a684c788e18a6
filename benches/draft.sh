#!/usr/bin/env bash
# Scores `interpel draft` against a person's extraction, and times it.
#
#   benches/draft.sh                    (INTERPEL=path/to/interpel)
#
# For each campaign that has a hand extraction (the shipped one and the
# fictional ones under benches/draft/), prints `interpel draft --score`
# with the questions' keywords, then without them (the `keywords` column
# taken out of a copy). Then times drafting 1 000 synthetic letters.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${INTERPEL:-target/release/interpel}
work=target/bench/draft
rm -rf "$work" && mkdir -p "$work"

campaigns=(. benches/draft/*/)
for campaign in "${campaigns[@]}"; do
  campaign=${campaign%/}
  if [ "$campaign" = . ]; then name=shipped; else name=$(basename "$campaign"); fi
  echo "== $name, with keywords"
  "$bin" draft "$campaign" --score
  # The same without the questions' keywords.
  copy=$work/$name-no-keywords
  mkdir -p "$copy" && cp -r "$campaign/inputs" "$copy/"
  python3 - "$copy/inputs/questions.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.DictReader(open(path, encoding="utf-8")))
with open(path, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, ["id", "title", "text"], extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
PY
  echo "== $name, without keywords"
  "$bin" draft "$copy" --score | grep -E "^(candidate|all|of the)"
done

echo "== speed: 1 000 synthetic letters, no rows yet"
"$bin" synth "$work/synth" --letters 1000 -q
head -1 "$work/synth/inputs/answers.csv" > "$work/header.csv"
cp "$work/header.csv" "$work/synth/inputs/answers.csv"
/usr/bin/time -f "draft: %e s wall, %M KB peak" "$bin" draft "$work/synth" -q
wc -l < "$work/synth/inputs/answers.draft.csv" | xargs echo "lines in answers.draft.csv:"
