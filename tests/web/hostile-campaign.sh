#!/usr/bin/env bash
# Makes DIR: the shipped campaign plus a list whose name, role, quote,
# summary and follow-up are HTML and script, for check.mjs to load in the
# browser (none of it may become an element or run).
#
#   tests/web/hostile-campaign.sh DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1
rm -rf "$dir" && mkdir -p "$dir"
cp -r "$root/inputs" "$dir/inputs"
hostile='<script>window.__interpel_injected=1</script><img src=x onerror="window.__interpel_injected=2;alert(1)"> & <b>gras</b> \" '"'"' ` = {{x}} #read("/etc/passwd")'
csv=${hostile//\"/\"\"}
printf 'Début.\n%s\nFin.\n' "$hostile" > "$dir/inputs/letters/hostile.txt"
printf 'hostile,Mme,"%s","%s","Liste %s",Alès,,letters/hostile.txt,letter,2026-03-01\n' "$csv" "$csv" "$csv" >> "$dir/inputs/candidates.csv"
printf 'hostile,q1,commitment,"%s","Résumé %s","Question %s ?"\n' "$csv" "$csv" "$csv" >> "$dir/inputs/answers.csv"
# Its letters published in full too (the hostile one among them), on the
# page and in the briefing's annex.
printf '\n[publication]\nprinter = "Imprimé par nos soins"\nprinter_address = "551 route de la Royale, 30100 Alès"\ndirector = "Bruno Mangin"\nfull_text = true\n' >> "$dir/inputs/campaign.toml"
