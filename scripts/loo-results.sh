#!/usr/bin/env bash
# Leave-one-out rows of docs/results.md (the NCF protocol, He et al. 2017): one split per dataset, each user's latest
# event the test target and the one before it the validation target, 99 sampled negatives per test user. Every model
# keeps its best epoch by validation NDCG@10 (the validation item, never the test item), then is scored once on
# test, both against its 99 negatives (sampled, as the paper) and against all items (full ranking). Models that draw
# random numbers are trained with 5 seeds (98765 1 2 3 4) and reported as mean ± standard deviation; the split is
# the same for all. Prints a markdown table, with each model's rank by full and by sampled NDCG@10.
# A model may carry train options after a colon, commas for spaces: "neumf:--set,optimizer=ADAM". A pre-trained NeuMF
# starts from the gmf and mlp models of the same seed trained before it in MODELS (--set gmfModel=, mlpModel=): the
# same weights its one-command pipeline would train first, bit for bit (NcfTest.neuMfFromSavedModelsEqualsThePipeline),
# without training them again for each NeuMF variant.
# RESUME=1 keeps the rows already in RUN_DIR/NAME-loo.jsonl and runs only the (model, seed) pairs missing there, on
# the same split (the split is a pure function of the input and its seed, so it is made again identically).
# Usage: [SEEDS="98765 1 2 3 4"] [MODELS="..."] [RESUME=1] scripts/loo-results.sh NAME FORMAT INPUT [RUN_DIR]
#   e.g. scripts/loo-results.sh ml-100k ml-100k ../shared/data/ml-100k/u.data
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 format=$2 input=$3
runs=${4:-runs/loo}
seeds=${SEEDS:-98765 1 2 3 4}
models=${MODELS:-popularity itemknn ease multvae bprmf gmf mlp neumf:--set,pretrain=false,--set,optimizer=ADAM neumf neumf:--set,optimizer=ADAM}
mkdir -p "$runs"
split=$runs/$name-loo
./recoder split loo --input "$input" --format "$format" --validation --seed 1 --out "$split" --force >&2
out=$runs/$name-loo.jsonl
if [ -z "${RESUME:-}" ] || [ ! -f "$out" ]; then : >"$out"; fi
done_already() { python3 -c '
import json, sys
sys.exit(0 if any(r["model"] == sys.argv[2] and r["seed"] == int(sys.argv[3])
                  for r in map(json.loads, open(sys.argv[1]))) else 1)' "$out" "$1" "$2"; }
for spec in $models; do
  model=${spec%%:*} args=()
  if [ "$spec" != "$model" ]; then IFS=, read -r -a args <<<"${spec#*:}"; fi
  case $model in
    popularity|itemknn|ease) model_seeds=98765 epochs=() ;;
    *) model_seeds=$seeds epochs=(--validation-metric ndcg@10) ;;
  esac
  for seed in $model_seeds; do
    if done_already "$spec" "$seed"; then continue; fi
    file=$runs/$name-loo.recoder
    pre=()
    case $model in
      gmf|mlp) if [ "$spec" = "$model" ]; then file=$runs/$name-$model-$seed.recoder; fi ;;
      neumf) case "${args[*]}" in *pretrain=false*) ;;
               *) [ -f "$runs/$name-gmf-$seed.recoder" ] && [ -f "$runs/$name-mlp-$seed.recoder" ] \
                    && pre=(--set "gmfModel=$runs/$name-gmf-$seed.recoder" --set "mlpModel=$runs/$name-mlp-$seed.recoder") ;;
             esac ;;
    esac
    if [ "${epochs[*]}" ]; then
      ./recoder train "$model" "${args[@]}" "${pre[@]}" "${epochs[@]}" --seed "$seed" --split "$split" --out "$file" --force --json >"$runs/train.json"
    else
      ./recoder train "$model" "${args[@]}" --split "$split" --out "$file" --force --json >"$runs/train.json"
    fi
    ./recoder evaluate --model "$file" --split "$split" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
t = json.load(open(sys.argv[3]))
keys = ["hit@10", "ndcg@10", "sampled_hit@10", "sampled_ndcg@10"]
print(json.dumps({"model": sys.argv[1], "seed": int(sys.argv[2]), "train_seconds": t["train_seconds"],
                  "epoch": d["model"]["provenance"].get("compute", {}).get("epoch"),
                  "users": d["users"], **{k: d[k] for k in keys}}))' "$spec" "$seed" "$runs/train.json" >>"$out"
  done
done
rm -f "$runs/$name-loo.recoder" "$runs/train.json" "$runs/$name"-gmf-*.recoder "$runs/$name"-mlp-*.recoder
python3 - "$out" "$name" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1])]
models = list(dict.fromkeys(r["model"] for r in rows))
mean = {m: {k: st.mean(r[k] for r in rows if r["model"] == m) for k in ("ndcg@10", "sampled_ndcg@10")} for m in models}
rank = lambda k: {m: i + 1 for i, m in enumerate(sorted(models, key=lambda m: -mean[m][k]))}
full, sampled = rank("ndcg@10"), rank("sampled_ndcg@10")
print(f"| {sys.argv[2]} | runs | HR@10 | NDCG@10 | sampled HR@10 | sampled NDCG@10 | rank full / sampled | train s |")
print("|---|---|---|---|---|---|---|---|")
for m in models:
    rs = [r for r in rows if r["model"] == m]
    cell = lambda k: f"{st.mean(r[k] for r in rs):.4f}" + (f" ± {st.stdev(r[k] for r in rs):.4f}" if len(rs) > 1 else "")
    secs = st.mean(r["train_seconds"] for r in rs)
    print(f"| {m.replace(',', ' ')} | {len(rs)} | {cell('hit@10')} | {cell('ndcg@10')} | {cell('sampled_hit@10')} "
          f"| {cell('sampled_ndcg@10')} | {full[m]} / {sampled[m]} | {secs:.1f} |")
PY
