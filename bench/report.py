"""Prints the Markdown table of one bench/run.sh result folder: both sides' median images/s over the
rounds with their spread, the ratio, FLOP rates, step-time tails and Gantry's step split."""
import glob
import json
import os
import statistics
import sys


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def rounds_of(folder):
    """The round folders r1, r2, ... of a run; a folder from before rounds is one round by itself."""
    found = sorted(glob.glob(os.path.join(folder, "r[0-9]*")), key=lambda p: int(os.path.basename(p)[1:]))
    return found or [folder]


def median_run(runs, rate):
    """The run whose images/s is the median (the lower middle one for an even count)."""
    ordered = sorted(runs, key=rate)
    return ordered[(len(ordered) - 1) // 2]


def spread(values):
    return f"{min(values):,.0f}-{max(values):,.0f}" if len(values) > 1 else "one run"


def main():
    folder = sys.argv[1]
    rounds = rounds_of(folder)
    models = sorted({os.path.basename(p).split(".")[0] for r in rounds for p in glob.glob(os.path.join(r, "*.json"))})
    rows, machine, peaks, torch_version = [], None, {}, "?"
    for m in models:
        gantry = [g for g in (load(os.path.join(r, m + ".gantry.json")) for r in rounds) if g]
        torch = [t for t in (load(os.path.join(r, m + ".torch.json")) for r in rounds) if t]
        for g in gantry:
            machine = g["machine"]
            peaks.setdefault("ND4J", []).append(g["matmul_peak_gflops"])
        for t in torch:
            peaks.setdefault("PyTorch", []).append(t["matmul_peak_gflops"])
            torch_version = t["machine"]["torch"]
        rows.append((m, gantry, torch))
    peak = max((p for ps in peaks.values() for p in ps), default=float("nan"))
    if machine:
        print(f"Machine: {machine['cpu']}, {machine['cores']} cores, OMP_NUM_THREADS {machine['omp_num_threads']}; "
              f"{machine['jdk']}; Gantry backend {machine['backend']}; PyTorch {torch_version}.")
    print(f"Rounds: {len(rounds)} (the two sides alternate model by model in each). Images/s: the median over "
          "the rounds, and in brackets the lowest and highest.")
    print("Float32 matmul peak (1024x1024, best of 5, lowest-highest over the runs): "
          + ", ".join(f"{k} {spread(v)} GFLOP/s" for k, v in peaks.items()) + ".")
    print()
    print("| model | batch | Gantry img/s | PyTorch img/s | Gantry / PyTorch | ratio per round | GFLOP per iteration "
          "| Gantry GFLOP/s (% of peak) | PyTorch GFLOP/s (% of peak) "
          "| step ms median / mean / 99th pct, Gantry; PyTorch "
          "| Gantry step ms: data / D / G / tracking / other | tracking share |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for m, gantry, torch in rows:
        g_rates = [g["profile"]["images_per_sec"] for g in gantry]
        t_rates = [t["images_per_sec"] for t in torch]
        gi = statistics.median(g_rates) if g_rates else float("nan")
        ti = statistics.median(t_rates) if t_rates else float("nan")
        per_round = [g["profile"]["images_per_sec"] / t["images_per_sec"]
                     for g, t in zip(gantry, torch)] if len(gantry) == len(torch) else []
        flop = torch[0]["iteration_gflop"] if torch else float("nan")
        batch = (gantry or torch)[0]["batch_size"]
        g_rate = flop * gi / batch
        t_rate = flop * ti / batch
        split, share, tails = "n/a", "n/a", "n/a"
        if gantry:
            p = median_run(gantry, lambda g: g["profile"]["images_per_sec"])["profile"]
            split = " / ".join(f"{p[k]:.2f}" for k in ("data_ms", "d_step_ms", "g_step_ms", "tracking_ms", "other_ms"))
            share = f"{100 * p['tracking_share']:.2f}% (+{100 * p.get('tracking_writer_cpu_share', float('nan')):.2f}% " \
                    f"of a core in the writer)"
            tails = f"{p['step_ms']:.1f} / {p.get('step_mean_ms', float('nan')):.1f} / {p.get('step_p99_ms', float('nan')):.1f}"
            if torch:
                t = median_run(torch, lambda r: r["images_per_sec"])
                tails += f"; {t['step_ms']:.1f} / {t.get('step_mean_ms', float('nan')):.1f} / " \
                         f"{t.get('step_p99_ms', float('nan')):.1f}"
        print(f"| {m} | {batch} | {gi:,.0f} ({spread(g_rates)}) | {ti:,.0f} ({spread(t_rates)}) | {gi / ti:.2f}x "
              f"| {', '.join(f'{r:.2f}' for r in per_round) or 'n/a'} | {flop:.2f} "
              f"| {g_rate:.1f} ({100 * g_rate / peak:.0f}%) | {t_rate:.1f} ({100 * t_rate / peak:.0f}%) "
              f"| {tails} | {split} | {share} |")


if __name__ == "__main__":
    main()
