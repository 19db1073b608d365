#!/usr/bin/env bash
# AutoRec rows of docs/results.md: random 90/10 ratings splits (10% of each training part for validation), 5 repeats,
# each model trained with its defaults (plus SETTINGS) and evaluated on the test ratings; prints each repeat's RMSE and
# MAE, then the mean ± the 95% confidence interval (Student's t, n − 1 degrees of freedom).
# Usage: [MODELS="iautorec uautorec"] [SETTINGS="--set lambda=100"] [REPEATS=5] [SEED=98765]
#        scripts/autorec-results.sh NAME FORMAT INPUT [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 format=$2 input=$3
runs=${4:-runs/autorec}
repeats=${REPEATS:-5}
seed=${SEED:-98765}
models=${MODELS:-"iautorec uautorec"}
read -r -a settings <<<"${SETTINGS:-}"
split=$runs/$name-ratings-$seed
mkdir -p "$runs"
./recoder split ratings --input "$input" --format "$format" --repeats "$repeats" --seed "$seed" --out "$split" --force >&2
for m in $models; do
  : >"$runs/$m.tsv"
  for r in $(seq 1 "$repeats"); do
    dir=$split; [ "$repeats" -gt 1 ] && dir=$split/repeat-$r
    ./recoder train "$m" "${settings[@]}" --split "$dir" --out "$runs/$m-$r.recoder" --force >&2
    ./recoder evaluate --model "$runs/$m-$r.recoder" --split "$dir" --json \
      | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.6f\t%.6f" % (d["rmse"], d["mae"]))' >>"$runs/$m.tsv"
    rm -f "$runs/$m-$r.recoder"
  done
  python3 - "$name" "$m ${SETTINGS:-}" "$runs/$m.tsv" <<'PY'
import math, sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[3]) if l.strip()]
t = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 6: 2.571, 7: 2.447, 8: 2.365, 9: 2.306, 10: 2.262}
def ci(xs):
    n = len(xs); m = sum(xs) / n
    if n < 2: return "%.4f" % m
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    return "%.4f ± %.4f" % (m, t.get(n, 1.96) * sd / math.sqrt(n))
print("| %s | %s | %s | %s | %s |" % (sys.argv[1], sys.argv[2].strip(), ci([r[0] for r in rows]), ci([r[1] for r in rows]),
      " ".join("%.4f" % r[0] for r in rows)))
PY
done
