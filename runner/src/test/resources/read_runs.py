"""Reads every run of one experiment back through MLflow's own Python client and prints JSON.

Usage: python read_runs.py TRACKING_URI EXPERIMENT_NAME
"""
import json
import os
import sys

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
from mlflow.tracking import MlflowClient  # noqa: E402

uri, name = sys.argv[1], sys.argv[2]
client = MlflowClient(tracking_uri=uri)
exp = client.get_experiment_by_name(name)
out = []
for run in client.search_runs([exp.experiment_id]):
    rid = run.info.run_id
    histories = {
        key: [[m.step, m.value] for m in client.get_metric_history(rid, key)]
        for key in run.data.metrics
    }

    def walk(path=None):
        files = []
        for a in client.list_artifacts(rid, path):
            files.extend(walk(a.path) if a.is_dir else [a.path])
        return files

    out.append({
        "run_id": rid,
        "run_name": run.info.run_name,
        "status": run.info.status,
        "params": run.data.params,
        "tags": run.data.tags,
        "metrics": histories,
        "artifacts": walk(),
    })
print(json.dumps(out))
