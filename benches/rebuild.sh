#!/usr/bin/env bash
# Rebuilds that redo only what changed, timed on a synthetic campaign.
#
#   benches/rebuild.sh [LETTERS]        (default 1000; INTERPEL=path/to/interpel)
#
# Times, with /usr/bin/time (wall seconds, peak resident memory): a full
# build from scratch, a second build with nothing changed, a build after
# one answer's follow-up question changed; checks that the last one is byte-identical
# to a --force build; then, with `interpel watch` running, the time from
# saving answers.csv to the changed letter on disk. Everything made: print
# files, web pages, proofs.
set -euo pipefail
cd "$(dirname "$0")/.."
letters=${1:-1000}
bin=${INTERPEL:-target/release/interpel}
dir=target/bench/rebuild-$letters
date=2026-11-22

timed() {
  local what=$1; shift
  /usr/bin/time -f "$what: %e s wall, %M KB peak" "$@" 2>&1 >/dev/null | grep -E "^(built|$what)" || true
}

rm -rf "$dir"
"$bin" synth "$dir" --letters "$letters" -q
timed "full build" "$bin" build "$dir" --date $date
timed "nothing changed" "$bin" build "$dir" --date $date
timed "nothing changed (again)" "$bin" build "$dir" --date $date

# One answer's follow-up question (which the letter prints): the first row.
answers=$dir/inputs/answers.csv
python3 - "$answers" <<'EOF'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
rows[1][5] += " (revu)"
csv.writer(open(path, "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
EOF
timed "one answer changed" "$bin" build "$dir" --date $date
full=$(mktemp -d)
"$bin" build "$dir" --date $date --force --out "$full/out" -q
if diff -r -x .interpel-seen.json "$dir/out" "$full/out" >/dev/null; then echo "byte-identical to a --force build"; else echo "DIFFERS from a --force build"; exit 1; fi
rm -rf "$full"

# watch: from the save to the changed letter on disk.
candidate=$(python3 -c "import csv,sys; print(list(csv.reader(open(sys.argv[1])))[1][0])" "$answers")
letter=$dir/out/letters/$candidate.pdf
"$bin" watch "$dir" --date $date 2>"$dir/watch.log" &
watch=$!
trap 'kill $watch 2>/dev/null || true' EXIT
until grep -q "^watching" "$dir/watch.log" 2>/dev/null; do sleep 0.05; done
for round in 1 2 3; do
  before=$(stat -c %Y.%N "$letter" 2>/dev/null || echo none)
  old=$(sha256sum "$letter" | cut -d' ' -f1)
  sed -i "0,/ (revu[0-9]*)/s// (revu$round)/" "$answers"
  start=$(date +%s.%N)
  while [[ $(sha256sum "$letter" 2>/dev/null | cut -d' ' -f1) == "$old" ]]; do sleep 0.005; done
  end=$(date +%s.%N)
  echo "watch, save to new letter on disk (round $round): $(python3 -c "print(f'{$end - $start:.2f}')") s"
  sleep 1
done
