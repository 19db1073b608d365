#!/usr/bin/env bash
# Neural session rows of docs/results.md: NARM (its paper's settings) and GRU4Rec with cross-entropy (the official
# best Yoochoose parameters, the defaults) and with BPR-max (the official Diginetica parameters), on the two datasets
# of scripts/session-results.sh, under the same protocol (every next event of a test session, all training items,
# conservative ties).
# The epoch count is chosen on a validation period, as the official GRU4Rec does: with seed 98765 each model is
# trained on the training part less its last days (1 for YooChoose, 7 for DIGINETICA), validated by Recall@20 on
# those days after every epoch up to its default maximum (NARM 30, GRU4Rec 10), and the best epoch is kept; then it
# is trained on the whole training part for that many epochs with each seed in SEEDS and evaluated on the test part.
# Prints the chosen epochs (stderr) and a markdown table, one row per seed.
# Usage: [MODELS="narm gru4rec gru4rec-bprmax"] [SEEDS="1 2 3 4 5"] [DATASETS="yoochoose-100k diginetica-sample"]
#        scripts/session-neural.sh [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs/sessions}
models=${MODELS:-narm gru4rec gru4rec-bprmax}
seeds=${SEEDS:-1 2 3 4 5}
datasets=${DATASETS:-yoochoose-100k diginetica-sample}
data=../shared/data
mkdir -p "$runs"
y=$data/yoochoose-sessionrec-100k
for v in 0 1; do
  ./recoder split session --input "$y/yoochoose-clicks-100k_train_full.txt" --test-input "$y/yoochoose-clicks-100k_test.txt" \
    --format session-rec --validation-days "$v" --out "$runs/yoochoose-100k$([ $v = 1 ] && echo -val)" --force >&2
done
for v in 0 7; do
  ./recoder split session --input "$data/diginetica/sample_train-item-views.csv" --format diginetica --test-days 7 \
    --validation-days "$v" --out "$runs/diginetica-sample$([ $v = 7 ] && echo -val)" --force >&2
done
args() {
  case $1 in
    narm) echo narm ;;
    gru4rec) echo gru4rec ;;
    gru4rec-bprmax) echo "gru4rec --set layers=512 --set loss=BPR_MAX --set batchSize=128 --set dropoutEmbed=0.5 --set dropoutHidden=0.3
      --set learningRate=0.05 --set momentum=0.15 --set sampleAlpha=0.3 --set bpreg=0.9 --set eluParam=1 --set logq=0" ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
}
echo "| dataset | model | epochs (chosen on validation) | seed | Recall@20 | MRR@20 | targets | train s |"
echo "|---|---|---|---|---|---|---|---|"
for d in $datasets; do
  for m in $models; do
    file=$runs/$d-$m.recoder
    # shellcheck disable=SC2046
    ./recoder train $(args "$m") --seed 98765 --split "$runs/$d-val" --out "$file" --force >&2
    epochs=$(./recoder evaluate --model "$file" --split "$runs/$d-val" --json | python3 -c '
import json, sys
d = json.loads(sys.stdin.read()); p = d["model"]["provenance"]
print(p["compute"]["epoch"]); print("validation: epoch %d, validation recall@20 %.4f" % (p["compute"]["epoch"], p["validationMetrics"]["validation_recall@20"]), file=sys.stderr)')
    echo "$d $m: $epochs epochs" >&2
    for seed in $seeds; do
      # shellcheck disable=SC2046
      t=$(./recoder train $(args "$m") --epochs "$epochs" --seed "$seed" --split "$runs/$d" --out "$file" --force --json)
      ./recoder evaluate --model "$file" --split "$runs/$d" --json | python3 -c '
import json, sys
d = json.loads(sys.stdin.read()); t = json.loads(sys.argv[3])
print("| %s | %s | %s | %s | %.4f ± %.4f | %.4f ± %.4f | %d | %.1f |" % (sys.argv[1], sys.argv[2], sys.argv[5], sys.argv[4],
      d["recall@20"], d["stderr"]["recall@20"], d["mrr@20"], d["stderr"]["mrr@20"], d["events"], t["train_seconds"]))' \
        "$d" "$m" "$t" "$seed" "$epochs"
    done
    rm -f "$file" "${file%.recoder}".curve.*
  done
done
