#!/usr/bin/env bash
# λ and k for an AutoRec model chosen on the validation ratings, as the paper does (λ ∈ {0.001, 0.01, 0.1, 1, 100,
# 1000}, k ∈ {10 … 500}): one random 90/10 ratings split (10% of its training part held out for validation), one model
# per grid point, each keeping its best epoch by validation RMSE. Prints every point's validation RMSE (read from the
# saved model's provenance, `validation_rmse`), the point with the lowest one, and that model's test RMSE and MAE.
# The test ratings are read once, for the chosen point only.
# Usage: [MODEL=iautorec] [LAMBDAS="0.001 0.01 0.1 1 100 1000"] [HIDDEN="10 40 160 500"] [SEED=98765]
#        [SETTINGS="--set epochs=200"] scripts/autorec-grid.sh NAME FORMAT INPUT [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 format=$2 input=$3
runs=${4:-runs/autorec-grid}
model=${MODEL:-iautorec}
lambdas=${LAMBDAS:-"0.001 0.01 0.1 1 100 1000"}
hidden=${HIDDEN:-"10 40 160 500"}
seed=${SEED:-98765}
read -r -a settings <<<"${SETTINGS:-}"
split=$runs/$name-ratings-$seed
mkdir -p "$runs"
./recoder split ratings --input "$input" --format "$format" --seed "$seed" --out "$split" --force >&2
table=$runs/$name-$model-grid.tsv
: >"$table"
for k in $hidden; do
  for l in $lambdas; do
    file=$runs/$name-$model-k$k-l$l.recoder
    ./recoder train "$model" "${settings[@]}" --set hidden="$k" --set lambda="$l" --split "$split" --out "$file" --force >&2
    ./recoder models inspect --json "$file" | python3 -c '
import json, sys
p = json.load(sys.stdin)["provenance"]
m = p.get("validationMetrics") or p.get("validation_metrics") or {}
if "validation_rmse" not in m: sys.exit("no validation_rmse in the provenance: %s" % p)
print("%s\t%s\t%.6f" % (sys.argv[1], sys.argv[2], m["validation_rmse"]))' "$k" "$l" >>"$table"
    best=$(sort -t$'\t' -k3,3g "$table" | head -1)
    # keep only the best model so far on disk
    for f in "$runs/$name-$model"-k*-l*.recoder; do
      case "$f" in "$runs/$name-$model-k$(cut -f1 <<<"$best")-l$(cut -f2 <<<"$best").recoder") ;; *) rm -f "$f" ;; esac
    done
  done
done
best=$(sort -t$'\t' -k3,3g "$table" | head -1)
bk=$(cut -f1 <<<"$best") bl=$(cut -f2 <<<"$best")
test=$(./recoder evaluate --model "$runs/$name-$model-k$bk-l$bl.recoder" --split "$split" --json \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.4f\t%.4f" % (d["rmse"], d["mae"]))')
python3 - "$name" "$model" "$table" "$bk" "$bl" "$test" <<'PY'
import sys
name, model, table, bk, bl, test = sys.argv[1:]
rows = [l.split("\t") for l in open(table) if l.strip()]
ks = sorted({int(r[0]) for r in rows}); ls = sorted({float(r[1]) for r in rows})
val = {(int(r[0]), float(r[1])): float(r[2]) for r in rows}
print("%s, %s: validation RMSE by k (rows) and λ (columns)" % (name, model))
print("| k \\ λ | " + " | ".join("%g" % l for l in ls) + " |")
print("|---" * (len(ls) + 1) + "|")
for k in ks:
    cells = []
    for l in ls:
        v = val.get((k, l))
        s = "—" if v is None else "%.4f" % v
        cells.append("**%s**" % s if (k, l) == (int(bk), float(bl)) else s)
    print("| %d | %s |" % (k, " | ".join(cells)))
rmse, mae = test.split("\t")
print("chosen k = %s, λ = %s; test RMSE %s, MAE %s" % (bk, bl, rmse, mae))
PY
