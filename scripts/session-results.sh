#!/usr/bin/env bash
# Session rows of docs/results.md (the GRU4Rec / NARM next-item protocol): every next event of a test session is a
# target of its prefix, ranked against all training items (conservative ties); Recall@20 and MRR@20 per event.
# Two datasets from ../shared/data: the YooChoose 100k-click subset as session-rec ships it (its train_full and test
# files as the given split), and the DIGINETICA sample of train-item-views.csv split as NARM does (last 7 days).
# The baselines are deterministic; gru4rec (its defaults: the official best Yoochoose parameters) is trained once per
# seed in SEEDS, one row each. Prints a markdown table.
# Usage: [MODELS="popularity itemknn sknn vsknn gru4rec"] [SEEDS="98765"] scripts/session-results.sh [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs/sessions}
models=${MODELS:-popularity itemknn sknn vsknn gru4rec}
seeds=${SEEDS:-98765}
data=../shared/data
mkdir -p "$runs"
y=$data/yoochoose-sessionrec-100k
./recoder split session --input "$y/yoochoose-clicks-100k_train_full.txt" --test-input "$y/yoochoose-clicks-100k_test.txt" \
  --format session-rec --out "$runs/yoochoose-100k" --force >&2
./recoder split session --input "$data/diginetica/sample_train-item-views.csv" --format diginetica --test-days 7 \
  --out "$runs/diginetica-sample" --force >&2
echo "| dataset | model | seed | Recall@20 | MRR@20 | targets | train s |"
echo "|---|---|---|---|---|---|---|"
for d in yoochoose-100k diginetica-sample; do
  for m in $models; do
   case $m in gru4rec) model_seeds=$seeds ;; *) model_seeds=- ;; esac
   for seed in $model_seeds; do
    file=$runs/$d-$m.recoder
    seed_opt=(); [ "$seed" != - ] && seed_opt=(--seed "$seed")
    t=$(./recoder train "$m" "${seed_opt[@]}" --split "$runs/$d" --out "$file" --force --json)
    ./recoder evaluate --model "$file" --split "$runs/$d" --json | python3 -c '
import json, sys
d = json.loads(sys.stdin.read()); t = json.loads(sys.argv[3])
print("| %s | %s | %s | %.4f ± %.4f | %.4f ± %.4f | %d | %.2f |" % (sys.argv[1], sys.argv[2], sys.argv[4], d["recall@20"],
      d["stderr"]["recall@20"], d["mrr@20"], d["stderr"]["mrr@20"], d["events"], t["train_seconds"]))' "$d" "$m" "$t" "$seed"
    rm -f "$file"
   done
  done
done
