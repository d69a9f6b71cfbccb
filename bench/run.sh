#!/usr/bin/env bash
# Gantry vs PyTorch training speed on this machine, side by side, for every seed model.
#
#   bench/run.sh                      # all six seed models, all cores, 3 rounds
#   bench/run.sh 001-mlp-keras 002-minimal
#   THREADS=1 ROUNDS=1 bench/run.sh 000-dcgan-tf
#
# Gantry side: `./gantry bench` on experiments/seeds/<model>.yaml (gantry run's code path, tracking on
# into bench/results/mlruns, quality evaluation off). PyTorch side: bench/torch_reference.py, the same
# model, init, batch, loss, optimizer and iteration, installed into bench/.venv from PyPI on first use.
# Both run on $THREADS threads with the same warm-up and measured steps. The two sides alternate,
# model by model, $ROUNDS times: on a shared machine one run of either side can be 30-50% off, so the
# table gives each side's median over the rounds and the spread. Results and a Markdown table go to
# bench/results/<date-time>/ (round K's figures in r<K>/).
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS="${THREADS:-$(nproc)}"
ROUNDS="${ROUNDS:-3}"
ALL="000-baseline-fnn 000-dcgan-tf 001-mlp-keras 002-minimal 003-dcgan-d2l 004-dcgan-upsample"
MODELS="${*:-$ALL}"

# warm-up and measured steps per model. The JVM compiles Gantry's hot code for its first ~40 s (C2 took
# 25-50% of a core until then in a profile of seed 000's baseline, bench/NOTES.md entry 29), so each
# warm-up lasts about that long on Gantry's side; the DCGANs take a second or more a step and compile
# within their first steps. PyTorch gets the same steps.
steps_for() {
  case "$1" in
    000-baseline-fnn) echo "3000 1000" ;;
    000-dcgan-tf) echo "5 15" ;;
    001-mlp-keras) echo "700 300" ;;
    002-minimal) echo "5000 2000" ;;
    003-dcgan-d2l) echo "2 4" ;;
    004-dcgan-upsample) echo "10 30" ;;
  esac
}
for m in $MODELS; do
  [ -n "$(steps_for "$m")" ] || { echo "bench: unknown model '$m'; the models are: $ALL" >&2; exit 2; }
done

if ! bench/.venv/bin/python -c "import torch, numpy" >/dev/null 2>&1; then
  echo "bench: installing PyTorch into bench/.venv (PyPI; a few GB on first use) ..." >&2
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet --upgrade pip
  bench/.venv/bin/pip install --quiet torch numpy
fi

./gantry --version >/dev/null                        # builds Gantry on first use
./gantry data experiments/seeds/002-minimal.yaml >/dev/null   # MNIST for both sides

OUT="bench/results/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
if [[ " $MODELS " == *" 003-dcgan-d2l "* ]]; then
  # Seed 003's Pokemon sprites cannot be downloaded here: 721 random 64x64 RGB PNGs stand in (speed
  # does not depend on the pixels).
  bench/.venv/bin/python bench/make_images.py bench/work/sprites 721 64
fi

export OMP_NUM_THREADS="$THREADS" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
for round in $(seq 1 "$ROUNDS"); do
  R="$OUT/r$round"
  mkdir -p "$R"
  for m in $MODELS; do
    read -r warmup steps <<<"$(steps_for "$m")"
    extra=()
    [ "$m" = "003-dcgan-d2l" ] && extra=(--set "dataset.path=$PWD/bench/work/sprites")
    echo "bench: round $round/$ROUNDS, $m, Gantry ($warmup warm-up + $steps steps, $THREADS threads) ..." >&2
    ./gantry bench "experiments/seeds/$m.yaml" --warmup "$warmup" --steps "$steps" \
        --tracking-uri bench/results/mlruns --json "$R/$m.gantry.json" "${extra[@]}" >"$R/$m.gantry.log" 2>&1 \
      || { echo "bench: Gantry failed on $m, see $R/$m.gantry.log" >&2; tail -5 "$R/$m.gantry.log" >&2; }
    echo "bench: round $round/$ROUNDS, $m, PyTorch ..." >&2
    bench/.venv/bin/python bench/torch_reference.py "$m" --warmup "$warmup" --steps "$steps" --threads "$THREADS" \
        --json "$R/$m.torch.json" >"$R/$m.torch.log" 2>&1 \
      || { echo "bench: PyTorch failed on $m, see $R/$m.torch.log" >&2; tail -5 "$R/$m.torch.log" >&2; }
  done
done
bench/.venv/bin/python bench/report.py "$OUT" | tee "$OUT/results.md"
