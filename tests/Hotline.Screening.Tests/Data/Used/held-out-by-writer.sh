#!/usr/bin/env bash
# Held-out figures of the learned opinion by writer: for each writer's folder under Used/, an opinion is trained with the
# documented train-opinion files minus that folder, and that writer's sets are scored with it (rules + that opinion).
# These are held-out figures (the rules were tuned on these sets after their first sight), not first-sight figures.
#   tests/Hotline.Screening.Tests/Data/Used/held-out-by-writer.sh            train without each writer, score it
#   tests/Hotline.Screening.Tests/Data/Used/held-out-by-writer.sh MODEL.bin  score every writer with one given opinion
#   tests/Hotline.Screening.Tests/Data/Used/held-out-by-writer.sh --rules-only
# Run from the repository root after `dotnet build src/Triage -c Release` (TRIAGE_DLL=path/Hotline.Triage.dll scores with another build).
set -euo pipefail
triage=(dotnet ${TRIAGE_DLL:-src/Triage/bin/Release/net10.0/Hotline.Triage.dll})
data=tests/Hotline.Screening.Tests/Data
base=("$data"/*.jsonl "$data"/Benign/everyday-gheg.jsonl "$data"/Benign/everyday-home-and-travel.jsonl "$data"/Benign/everyday-outings.jsonl "$data"/Benign/everyday-family.jsonl "$data"/Benign/everyday-moving-money-and-quarrels.jsonl ../shared/data/screening-dev.jsonl ../shared/data/screening-dev-2.jsonl)
mode=${1:-train}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

figures() { # urgent / critical / false alarms / macro-F1 / minors from evaluate's output
  awk 'function v(  i) {for (i = 1; i <= NF; i++) if ($i ~ /^([0-9]+\.[0-9]+|NaN)$/) return $i}
       /urgent recall \(/ {u=v()} /critical → critical/ {c=v()} /false alarms \(none/ {f=v()}
       /category macro-F1/ {m=v()} /minors recognised/ {n=v()} END {print u, c, f, m, n}'
}

for writer in "$data"/Used/writer-*; do
  name=$(basename "$writer")
  case $mode in
    train)
      train=("${base[@]}")
      for f in "$data"/Used/writer-*/unseen-*.jsonl "$data"/Used/writer-*/benign-by-category.jsonl; do
        [[ $f == "$writer"/* ]] || train+=("$f")
      done
      "${triage[@]}" train-opinion --output "$work/$name.bin" "${train[@]}" > "$work/$name.train.txt"
      how=(--opinion "$work/$name.bin") ;;
    --rules-only) how=(--rules-only) ;;
    *) how=(--opinion "$mode") ;;
  esac
  for set in "$writer"/unseen-*.jsonl "$writer"/benign-by-category.jsonl; do
    [[ -f $set ]] || continue
    echo "$name $(basename "$set" .jsonl) $("${triage[@]}" evaluate --input "$set" "${how[@]}" | figures)"
  done
done | awk '{print; if ($2 ~ /^unseen/) {k++; for (i = 3; i <= 7; i++) s[i] += $i}}
  END {printf "mean of %d unseen sets: %.3f / %.3f / %.3f / %.3f / %.3f\n", k, s[3]/k, s[4]/k, s[5]/k, s[6]/k, s[7]/k}'
