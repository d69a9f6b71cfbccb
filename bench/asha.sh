#!/usr/bin/env bash
# What early stopping saves: experiments/sweeps/asha-random-search.yaml (27 random trials), with and
# without its ASHA scheduler, for several sweep seeds. For each: steps trained, best fcd over the
# trials, wall time. Not a test: it takes about an hour on a 2-core machine.
#
#   bench/asha.sh                 # sweep seeds 1 2 3
#   SEEDS="1" bench/asha.sh
#   MODES=asha bench/asha.sh      # only the searches with the scheduler (the full ones do not depend on it)
#
# Runs go to bench/results/asha-<date-time>/mlruns; each sweep's table is sweep.csv on its parent run,
# and a Markdown summary is written to summary.md there.
set -euo pipefail
cd "$(dirname "$0")/.."

SEEDS="${SEEDS:-1 2 3}"
MODES="${MODES:-full asha}"
SPEC=experiments/sweeps/asha-random-search.yaml
OUT="bench/results/asha-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
./gantry validate "$SPEC" >/dev/null

summary="$OUT/summary.md"
{
  echo "| sweep seed | search | steps trained | of budget | trials stopped | best fcd | wall time |"
  echo "|---|---|---|---|---|---|---|"
} > "$summary"

for seed in $SEEDS; do
  for mode in $MODES; do
    extra=()
    if [ "$mode" = full ]; then
      extra=(--set 'sweep.scheduler={}')
    fi
    log="$OUT/seed$seed-$mode.log"
    start=$(date +%s)
    GANTRY_SKIP_BUILD=1 ./gantry run "$SPEC" --tracking-uri "$OUT/mlruns" --set "sweep.random.seed=$seed" \
      --set "sweep.name=seed$seed-$mode" "${extra[@]}" > "$log" 2>&1
    seconds=$(( $(date +%s) - start ))
    python3 - "$OUT/mlruns" "seed$seed-$mode" "$seed" "$mode" "$seconds" >> "$summary" <<'PY'
import csv, glob, os, sys
store, name, seed, mode, seconds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
# the parent run of this sweep: the one named after it that holds sweep.csv
table = next(p for p in glob.glob(os.path.join(store, "*", "*", "artifacts", "sweep.csv"))
             if open(os.path.join(p.split("/artifacts/")[0], "tags", "mlflow.runName")).read() == name)
rows = list(csv.DictReader(open(table)))
steps = sum(int(r["steps"]) for r in rows)
fcds = [float(r["fcd"]) for r in rows if r.get("fcd")]
stopped = sum(1 for r in rows if r.get("stopped_at"))
budget = 1500 * len(rows)
print(f"| {seed} | {mode} | {steps:,} | {budget:,} ({100 * steps / budget:.0f}%) | {stopped} | "
      f"{min(fcds):.1f} | {seconds // 60} min {seconds % 60} s |")
PY
    tail -1 "$summary"
  done
done
echo "summary: $summary"
