#!/usr/bin/env python3
"""Summarizer of bench/run's raw measurements: prints the results table and writes the JSON file.

`bench/run` does the measuring (it runs dlmc, the PyTorch reference and GNU time); this script
only reads what they left in a work directory, so the arithmetic lives in one place:

  train: <work>/<model>.<side>.json  metrics written by `dlmc run --metrics-out`, keras_ref.py or torch_ref.py
         <work>/<model>.probe.<policy>.<threads>.json  PyTorch's short probe runs
         <work>/gemm.json  the GEMM peak (bench/gemm/Gemm.java)
         <work>/<model>.<side>.time  "<peak RSS KiB> <wall seconds>" from GNU time -f '%M %e'
         <work>/<model>.<side>.r<k>.{json,time}  run k > 1 of a side under --repeat
  check: two files of nanosecond wall times (one per line), or a hyperfine --export-json file.

Standard library only, so any python3 runs it.
"""

import argparse
import json
import os
import statistics
import sys

MNIST_TRAIN_SAMPLES = 60_000
BATCH = 128  # every seed listing's batch size
SIDES = ("dlmc", "keras", "pytorch")
PEERS = ("keras", "pytorch")

# Multiply-accumulates of one sample's forward pass, counted layer by layer from the shapes of
# the book's listings (models/*.dlm; the same shapes give the asserted parameter counts): the
# fallback when dlmc's metrics file does not state the compiler's own count
# (forward_flops_per_sample). Training costs three times the forward pass (forward, gradient
# of the inputs, gradient of the weights); a multiply-accumulate is two floating-point operations.
FORWARD_MACS = {
    # Dense 784x256, 256x256, 256x10
    "mlp": 784 * 256 + 256 * 256 + 256 * 10,
    # Conv2D(64, 3) on 28x28x1 -> 26x26x64; on 13x13x64 -> 11x11x64; on 5x5x64 -> 3x3x64; Dense 576x10
    "cnn": 26 * 26 * 64 * 3 * 3 * 1 + 11 * 11 * 64 * 3 * 3 * 64 + 3 * 3 * 64 * 3 * 3 * 64 + 576 * 10,
    # SimpleRNN(256) over 28 steps of 28 inputs (kernel and recurrent kernel each step); Dense 256x10
    "rnn": 28 * (28 * 256 + 256 * 256) + 256 * 10,
}


def train_flops_per_sample(model, dlmc_metrics=None):
    forward = (dlmc_metrics or {}).get("forward_flops_per_sample") or 2 * FORWARD_MACS[model]
    return 3 * forward


def steady_seconds(epochs):
    """Median seconds of epochs 2..N; epoch 1 alone when there is nothing else (then it includes warm-up)."""
    later = [e["seconds"] for e in epochs if e.get("epoch", 0) >= 2]
    return statistics.median(later) if later else epochs[0]["seconds"]


def read_gnu_time(path):
    """Returns (peak RSS in MiB, wall seconds, exit note or None) from GNU time -f '%M %e' -o output."""
    with open(path) as f:
        lines = f.read().strip().splitlines()
    # GNU time writes "Command exited with non-zero status N" (or "terminated by signal")
    # before the format line when the command failed.
    note = next((line.strip().replace("Command exited with non-zero status", "exit status")
                 for line in lines[:-1] if line.startswith("Command ")), None)
    rss_kib, wall = lines[-1].split()
    return int(rss_kib) / 1024.0, float(wall), note


def side_result(work, model, side):
    """One side's row for one model: of its runs (bench/run train --repeat), the fastest steady
    epoch, with the highest peak RSS of them all and every run's steady seconds."""
    stems = [f"{model}.{side}"]
    while os.path.exists(os.path.join(work, f"{model}.{side}.r{len(stems) + 1}.time")):
        stems.append(f"{model}.{side}.r{len(stems) + 1}")
    runs = [run_result(work, stem) for stem in stems]
    if len(runs) == 1:
        return runs[0]
    timed = [r for r in runs if "steady_seconds_per_epoch" in r]
    best = dict(min(timed, key=lambda r: r["steady_seconds_per_epoch"]) if timed else runs[0])
    rss = [r["peak_rss_mb"] for r in runs if "peak_rss_mb" in r]
    if rss:
        best["peak_rss_mb"] = max(rss)
    best["runs_steady_seconds"] = [r.get("steady_seconds_per_epoch") for r in runs]
    return best


def run_result(work, stem):
    """Collects one run's row from <stem>.time and <stem>.json; `status` says why numbers are missing or doubtful."""
    row = {"status": "ok"}
    try:
        row["peak_rss_mb"], row["wall_seconds"], exit_note = read_gnu_time(os.path.join(work, f"{stem}.time"))
        if exit_note:
            row["status"] = exit_note
    except (OSError, IndexError, ValueError):
        row["status"] = "no GNU time output"
    try:
        with open(os.path.join(work, f"{stem}.json")) as f:
            metrics = json.load(f)
        epochs = metrics["epochs"]
        if not epochs:
            raise ValueError("no epochs")
    except FileNotFoundError:
        row["status"] = failure("no metrics file", row["status"])
        return row
    except (ValueError, KeyError, TypeError) as problem:
        row["status"] = failure(f"unreadable metrics ({problem})", row["status"])
        return row
    seconds = steady_seconds(epochs)
    samples = metrics.get("train_samples", MNIST_TRAIN_SAMPLES)
    row.update({
        "steady_seconds_per_epoch": seconds,
        "steady_includes_warmup": len(epochs) == 1,
        "samples_per_second": samples / seconds,
        "train_samples": samples,
        "test_accuracy": (metrics.get("test") or {}).get("accuracy"),
        "epoch_seconds": [e["seconds"] for e in epochs],
        "metrics": metrics,
    })
    return row


def failure(reason, earlier_status):
    """A failed row's status: the reason, plus what GNU time said if that was not plain success."""
    return f"failed: {reason}" + ("" if earlier_status == "ok" else f"; {earlier_status}")


def fmt(value, spec, width):
    return format(value, spec).rjust(width) if value is not None else "-".rjust(width)


def read_probes(work, model):
    """PyTorch's probe runs of one model: {(policy, threads): steady seconds per epoch}."""
    probes = {}
    prefix = f"{model}.probe."
    for name in sorted(os.listdir(work)):
        if name.startswith(prefix) and name.endswith(".json"):
            policy, threads = name[len(prefix):-len(".json")].split(".")
            try:
                with open(os.path.join(work, name)) as f:
                    probes[(policy, int(threads))] = steady_seconds(json.load(f)["epochs"])
            except (OSError, ValueError, KeyError, IndexError):
                continue
    return probes


def read_gemm(path):
    with open(path) as f:
        return json.load(f)


def summarize_train(args):
    models = args.models.split(",")
    gemm = read_gemm(args.gemm) if args.gemm else None
    peak = gemm["peak_gflops"] if gemm else None
    report = {"benchmark": "train", "epochs": args.epochs, "gemm": gemm,
              "meta": dict(m.split("=", 1) for m in args.meta), "models": {}}
    header = (f"{'model':<6} {'side':<8} {'s/epoch':>8} {'ms/step':>8} {'GFLOP/s':>8} {'% peak':>7} "
              f"{'vs peer':>8} {'peak RSS MB':>12} {'test acc':>9}")
    lines = [header, "-" * len(header)]
    notes = []
    for model in models:
        entry = {side: side_result(args.work, model, side) for side in args.side}
        peers = {side: entry[side]["steady_seconds_per_epoch"] for side in PEERS
                 if side in entry and "steady_seconds_per_epoch" in entry[side]}
        fastest_peer = min(peers, key=peers.get) if peers else None
        probes = read_probes(args.work, model)
        if probes:
            entry["pytorch_probes"] = {f"{p} {t}": sec for (p, t), sec in probes.items()}
            notes.append(f"{model}: PyTorch probes (s per probe epoch): " + ", ".join(
                f"{p.lower()} x{t} {sec:.3f}" for (p, t), sec in sorted(probes.items())))
        for side in args.side:
            row = entry[side]
            seconds = row.get("steady_seconds_per_epoch")
            if seconds is not None:
                samples = row["train_samples"]
                row["ms_per_step"] = 1000 * seconds / steps_per_epoch(samples)
                counted = train_flops_per_sample(model, entry.get("dlmc", {}).get("metrics"))
                row["train_flops_per_sample"] = counted
                row["gflops"] = counted * samples / seconds / 1e9
                row["percent_of_peak"] = 100 * row["gflops"] / peak if peak else None
                if fastest_peer:
                    row["vs_fastest_peer"] = peers[fastest_peer] / seconds
            label = side + ("*" if side == fastest_peer else "")
            line = (f"{model:<6} {label:<8} {fmt(seconds, '.2f', 8)} {fmt(row.get('ms_per_step'), '.2f', 8)} "
                    f"{fmt(row.get('gflops'), '.1f', 8)} {fmt(row.get('percent_of_peak'), '.1f', 7)} "
                    f"{fmt(row.get('vs_fastest_peer') if side == 'dlmc' else None, '.2f', 8)} "
                    f"{fmt(row.get('peak_rss_mb'), '.0f', 12)} {fmt(row.get('test_accuracy'), '.4f', 9)}")
            if row["status"] != "ok":
                line += f"  ({row['status']})"
            lines.append(line)
        entry["fastest_peer"] = fastest_peer
        # What the GEMM peak allows: the step at 100 % of it, and the ratio to the fastest peer
        # that such a step would reach, both by the 3 x forward count (which for a first layer
        # counts an input gradient that no side computes: see docs/benchmarks.md, "The columns").
        dlmc_row = entry.get("dlmc", {})
        if peak and fastest_peer and "train_flops_per_sample" in dlmc_row:
            at_peak = dlmc_row["train_flops_per_sample"] * dlmc_row["train_samples"] / (peak * 1e9)
            entry["at_peak"] = {"seconds_per_epoch": at_peak, "vs_fastest_peer": peers[fastest_peer] / at_peak}
            notes.append(f"{model}: at 100 % of the GEMM peak a step would take"
                         f" {1000 * at_peak / steps_per_epoch(dlmc_row['train_samples']):.2f} ms,"
                         f" {peers[fastest_peer] / at_peak:.2f}x the fastest peer ({fastest_peer}) of this run")
        report["models"][model] = entry
    lines.append("")
    samples = {row.get("train_samples") for e in report["models"].values() for k, row in e.items()
               if isinstance(row, dict) and "train_samples" in row}
    lines.append(("s/epoch: median of epochs >= 2" if args.epochs >= 2
                  else "s/epoch: epoch 1 only (includes warm-up; use --epochs 2 or more)")
                 + f"; epochs of {', '.join(f'{n:,}' for n in sorted(samples))} samples, batch {BATCH}")
    if peak:
        lines.append(f"% peak: of {peak:.0f} GFLOP/s, the float32 GEMM peak through TensorFlow Java"
                     f" measured at the start of this run ({gemm['threads']} threads)")
    lines.append("GFLOP/s: 3 x forward FLOPs per sample (the compiler's count) x samples / s/epoch")
    lines.append("vs peer = fastest peer's s/epoch / dlmc's (> 1: dlmc is faster); * marks the fastest peer")
    for model, entry in report["models"].items():
        for side in args.side:
            repeats = entry[side].get("runs_steady_seconds")
            if repeats:
                lines.append(f"{model} {side}: fastest of {len(repeats)} runs, s/epoch " + ", ".join(
                    fmt(sec, '.3f', 0).strip() for sec in repeats) + "; peak RSS the highest of them")
    lines.extend(notes)
    lines.append(f"written: {args.out}")
    print("\n".join(lines))
    write_json(args.out, report)
    complete = all("steady_seconds_per_epoch" in entry[side]
                   for entry in report["models"].values() for side in args.side)
    return 0 if complete else 1


def best_probe(args):
    """Prints "POLICY THREADS" of the fastest probe file (named <model>.probe.<policy>.<threads>.json)."""
    best = None
    for path in args.files:
        try:
            with open(path) as f:
                seconds = steady_seconds(json.load(f)["epochs"])
        except (OSError, ValueError, KeyError, IndexError):
            continue
        policy, threads = os.path.basename(path)[:-len(".json")].split(".")[-2:]
        if best is None or seconds < best[0]:
            best = (seconds, policy, threads)
    if best is None:
        return 1
    print(f"{best[1]} {best[2]}")
    return 0


def summarize_gemm(args):
    gemm = read_gemm(args.gemm)
    report = {"benchmark": "gemm", "meta": dict(m.split("=", 1) for m in args.meta), **gemm}
    sizes = ", ".join(f"n={n}: {g:.0f}" for n, g in gemm["sizes"].items())
    print(f"float32 GEMM through TensorFlow Java, {gemm['threads']} threads: peak {gemm['peak_gflops']:.0f} GFLOP/s ({sizes})")
    print(f"written: {args.out}")
    write_json(args.out, report)
    return 0


def steps_per_epoch(samples):
    """Training steps in an epoch of `samples`: the listings' batch of 128, the last partial batch kept."""
    return -(-samples // BATCH)


def read_ns(path):
    with open(path) as f:
        return [int(line) for line in f if line.strip()]


def summarize_check(args):
    if args.hyperfine_json:
        with open(args.hyperfine_json) as f:
            results = json.load(f)["results"]
        check_s, baseline_s = results[0]["times"], results[1]["times"]
        one_s = results[2]["times"] if len(results) > 2 else None
        method = "hyperfine (blocks)"
    else:
        check_s = [ns / 1e9 for ns in read_ns(args.check_ns)]
        baseline_s = [ns / 1e9 for ns in read_ns(args.baseline_ns)]
        one_s = [ns / 1e9 for ns in read_ns(args.one_ns)] if args.one_ns else None
        method = "interleaved loop"
    check_median, baseline_median = statistics.median(check_s), statistics.median(baseline_s)
    report = {
        "benchmark": "check", "method": method, "files": args.files, "baseline": args.baseline,
        "meta": dict(m.split("=", 1) for m in args.meta),
        "dlmc_check": {"median_seconds": check_median, "min_seconds": min(check_s), "runs": check_s},
        "bare_jvm": {"median_seconds": baseline_median, "min_seconds": min(baseline_s), "runs": baseline_s},
        "ratio": check_median / baseline_median,
        "overhead_seconds": check_median - baseline_median,
    }
    if one_s:
        one_median = statistics.median(one_s)
        report["one_file"] = {"file": args.one_file, "median_seconds": one_median, "min_seconds": min(one_s),
                              "runs": one_s, "ratio": one_median / baseline_median}
    print(f"dlmc check ({args.files} files): median {check_median * 1000:.0f} ms  (min {min(check_s) * 1000:.0f} ms, {len(check_s)} runs)")
    print(f"bare JVM, {args.baseline}: median {baseline_median * 1000:.0f} ms  (min {min(baseline_s) * 1000:.0f} ms)")
    print(f"ratio dlmc check / bare JVM: {report['ratio']:.2f}  "
          f"(difference {report['overhead_seconds'] * 1000:+.0f} ms; {method}; issue 12's goal: at most 3)")
    if one_s:
        one = report["one_file"]
        print(f"dlmc check {args.one_file} (one file): median {one['median_seconds'] * 1000:.0f} ms  "
              f"(min {one['min_seconds'] * 1000:.0f} ms), ratio {one['ratio']:.2f} (issue 12's goal: at most 2)")
    print(f"written: {args.out}")
    write_json(args.out, report)
    return 0


def write_json(path, report):
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")


def summarize_scaling(args):
    """Thread scaling (1 thread against all cores) and epoch time against training-set size."""
    models = args.models.split(",")
    sizes = [int(n) for n in args.sizes.split(",")]
    result = {"meta": dict(m.split("=", 1) for m in args.meta), "threads": args.threads,
              "sizes": sizes, "epochs": args.epochs, "models": {}}

    def steady(name):
        try:
            with open(os.path.join(args.work, name)) as f:
                return steady_seconds(json.load(f)["epochs"])
        except (OSError, ValueError, KeyError, IndexError):
            return None

    print(f"{'model':<6} {'1 thread':>9} {str(args.threads) + ' threads':>10} {'speed-up':>9}   "
          + "  ".join(f"{n:>7,}" for n in sizes) + "   us/sample (min..max)  R^2")
    print("-" * (44 + 9 * len(sizes) + 30))
    for model in models:
        one, many = steady(f"{model}.t1.json"), steady(f"{model}.t{args.threads}.json")
        speedup = one / many if one and many else None
        seconds = [steady(f"{model}.n{n}.json") for n in sizes]
        entry = {"seconds_1_thread": one, f"seconds_{args.threads}_threads": many, "thread_speedup": speedup,
                 "seconds_by_size": dict(zip(map(str, sizes), seconds))}
        fit = ""
        points = [(n, s) for n, s in zip(sizes, seconds) if s]
        if len(points) >= 2:
            # Least squares of seconds on samples: a linear epoch time has R^2 near 1 and a
            # per-sample time that does not grow with the set (caches, memory) beyond noise.
            xs, ys = [n for n, _ in points], [s for _, s in points]
            mx, my = statistics.fmean(xs), statistics.fmean(ys)
            sxx = sum((x - mx) ** 2 for x in xs)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
            intercept = my - slope * mx
            ss_tot = sum((y - my) ** 2 for y in ys)
            ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys))
            r2 = 1 - ss_res / ss_tot if ss_tot else 1.0
            per_sample = [1e6 * s / n for n, s in points]
            entry.update({"seconds_per_sample_slope": slope, "intercept_seconds": intercept, "r_squared": r2,
                          "us_per_sample": per_sample})
            fit = f"{min(per_sample):8.1f}..{max(per_sample):<8.1f}   {r2:.4f}"
        result["models"][model] = entry
        print(f"{model:<6} {fmt(one, '.2f', 9)} {fmt(many, '.2f', 10)} {fmt(speedup, '.2f', 9)}   "
              + "  ".join(fmt(s, '.2f', 7) for s in seconds) + "   " + fit)
    print()
    print(f"seconds per steady epoch (median of epochs >= 2, dlmc run, batch as the file says); threads at "
          f"--train-limit {args.thread_limit}; sizes at {args.threads} threads; speed-up = 1-thread / {args.threads}-thread time")
    write_json(args.out, result)
    return 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="benchmark", required=True)
    train = sub.add_parser("train")
    train.add_argument("--work", required=True)
    train.add_argument("--models", required=True)
    train.add_argument("--epochs", type=int, required=True)
    train.add_argument("--gemm")
    train.add_argument("--side", action="append", choices=SIDES, required=True)
    probe = sub.add_parser("best-probe")
    probe.add_argument("files", nargs="+")
    gemm = sub.add_parser("gemm")
    gemm.add_argument("--gemm", required=True)
    check = sub.add_parser("check")
    check.add_argument("--check-ns")
    check.add_argument("--baseline-ns")
    check.add_argument("--hyperfine-json")
    check.add_argument("--one-ns")
    check.add_argument("--one-file", default="models/mlp.dlm")
    check.add_argument("--files", type=int, required=True)
    check.add_argument("--baseline", required=True)
    scaling = sub.add_parser("scaling")
    scaling.add_argument("--work", required=True)
    scaling.add_argument("--models", required=True)
    scaling.add_argument("--sizes", required=True)
    scaling.add_argument("--threads", type=int, required=True)
    scaling.add_argument("--thread-limit", type=int, required=True)
    scaling.add_argument("--epochs", type=int, required=True)
    for command in (train, check, gemm, scaling):
        command.add_argument("--out", required=True)
        command.add_argument("--meta", action="append", default=[], help="key=value context")
    args = p.parse_args(argv)
    return {"train": summarize_train, "check": summarize_check, "gemm": summarize_gemm,
            "best-probe": best_probe, "scaling": summarize_scaling}[args.benchmark](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
