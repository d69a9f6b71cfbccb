"""Prints the Markdown table of one bench/run.sh result folder: both sides, ratio, FLOP rates, Gantry's step split."""
import glob
import json
import os
import sys


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def main():
    folder = sys.argv[1]
    models = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(folder, "*.json"))})
    rows, machine, peaks = [], None, []
    for m in models:
        g = load(os.path.join(folder, m + ".gantry.json"))
        t = load(os.path.join(folder, m + ".torch.json"))
        if g:
            machine = g["machine"]
            peaks.append(("ND4J", g["matmul_peak_gflops"]))
        if t:
            peaks.append(("PyTorch", t["matmul_peak_gflops"]))
            torch_version = t["machine"]["torch"]
        rows.append((m, g, t))
    peak = max(p for _, p in peaks) if peaks else float("nan")
    if machine:
        print(f"Machine: {machine['cpu']}, {machine['cores']} cores, OMP_NUM_THREADS {machine['omp_num_threads']}; "
              f"{machine['jdk']}; Gantry backend {machine['backend']}; PyTorch {torch_version}.")
    best = {}
    for name, p in peaks:
        best[name] = max(best.get(name, 0), p)
    print("Float32 matmul peak (1024x1024, best of 5): "
          + ", ".join(f"{k} {v:.0f} GFLOP/s" for k, v in best.items()) + ".")
    print()
    print("| model | batch | Gantry img/s | PyTorch img/s | Gantry / PyTorch | GFLOP per iteration "
          "| Gantry GFLOP/s (% of peak) | PyTorch GFLOP/s (% of peak) "
          "| Gantry step ms: data / D / G / tracking / other | tracking share |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for m, g, t in rows:
        gi = g["profile"]["images_per_sec"] if g else float("nan")
        ti = t["images_per_sec"] if t else float("nan")
        flop = t["iteration_gflop"] if t else float("nan")
        batch = (g or t)["batch_size"]
        g_rate = flop * gi / batch
        t_rate = t["gflops_per_sec"] if t else float("nan")
        split = "n/a"
        share = "n/a"
        if g:
            p = g["profile"]
            split = " / ".join(f"{p[k]:.2f}" for k in ("data_ms", "d_step_ms", "g_step_ms", "tracking_ms", "other_ms"))
            share = f"{100 * p['tracking_share']:.2f}% (+{100 * p.get('tracking_writer_cpu_share', float('nan')):.2f}% " \
                    f"of a core in the writer)"
        print(f"| {m} | {batch} | {gi:,.0f} | {ti:,.0f} | {gi / ti:.2f}x | {flop:.2f} "
              f"| {g_rate:.1f} ({100 * g_rate / peak:.0f}%) | {t_rate:.1f} ({100 * t_rate / peak:.0f}%) "
              f"| {split} | {share} |")


if __name__ == "__main__":
    main()
