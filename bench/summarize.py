#!/usr/bin/env python3
"""Summarizer of bench/run's raw measurements: prints the results table and writes the JSON file.

`bench/run` does the measuring (it runs dlmc, the PyTorch reference and GNU time); this script
only reads what they left in a work directory, so the arithmetic lives in one place:

  train: <work>/<model>.<side>.json  metrics written by `dlmc run --metrics-out` or torch_ref.py
         <work>/<model>.<side>.time  "<peak RSS KiB> <wall seconds>" from GNU time -f '%M %e'
  check: two files of nanosecond wall times (one per line), or a hyperfine --export-json file.

Standard library only, so any python3 runs it.
"""

import argparse
import json
import os
import statistics
import sys

MNIST_TRAIN_SAMPLES = 60_000
SIDES = ("dlmc", "pytorch")


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
    """Collects one side's row for one model; `status` says why numbers are missing or doubtful."""
    row = {"status": "ok"}
    try:
        row["peak_rss_mb"], row["wall_seconds"], exit_note = read_gnu_time(os.path.join(work, f"{model}.{side}.time"))
        if exit_note:
            row["status"] = exit_note
    except (OSError, IndexError, ValueError):
        row["status"] = "no GNU time output"
    try:
        with open(os.path.join(work, f"{model}.{side}.json")) as f:
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


def summarize_train(args):
    models = args.models.split(",")
    report = {"benchmark": "train", "epochs": args.epochs, "pytorch_threads": args.threads,
              "meta": dict(m.split("=", 1) for m in args.meta), "models": {}}
    header = f"{'model':<6} {'side':<8} {'s/epoch':>8} {'samples/s':>10} {'peak RSS MB':>12} {'test acc':>9} {'ratio':>6}"
    lines = [header, "-" * len(header)]
    for model in models:
        entry = {side: side_result(args.work, model, side) for side in args.side}
        d, t = entry.get("dlmc", {}), entry.get("pytorch", {})
        if "steady_seconds_per_epoch" in d and "steady_seconds_per_epoch" in t:
            entry["ratio"] = t["steady_seconds_per_epoch"] / d["steady_seconds_per_epoch"]
        report["models"][model] = entry
        for side in args.side:
            row = entry[side]
            ratio = entry.get("ratio") if side == "dlmc" else None
            line = (f"{model:<6} {side:<8} {fmt(row.get('steady_seconds_per_epoch'), '.2f', 8)} "
                    f"{fmt(row.get('samples_per_second'), ',.0f', 10)} {fmt(row.get('peak_rss_mb'), '.0f', 12)} "
                    f"{fmt(row.get('test_accuracy'), '.4f', 9)} {fmt(ratio, '.2f', 6)}")
            if row["status"] != "ok":
                line += f"  ({row['status']})"
            lines.append(line)
    lines.append("")
    lines.append("s/epoch: median of epochs >= 2" if args.epochs >= 2
                 else "s/epoch: epoch 1 only (includes warm-up; use --epochs 3 for a steady figure)")
    if "dlmc" in args.side and "pytorch" in args.side:
        lines.append("ratio = PyTorch s/epoch / dlmc s/epoch  (> 1: dlmc is faster; compare within one run)")
    lines.append(f"written: {args.out}")
    print("\n".join(lines))
    write_json(args.out, report)
    complete = all("steady_seconds_per_epoch" in entry[side]
                   for entry in report["models"].values() for side in args.side)
    return 0 if complete else 1


def read_ns(path):
    with open(path) as f:
        return [int(line) for line in f if line.strip()]


def summarize_check(args):
    if args.hyperfine_json:
        with open(args.hyperfine_json) as f:
            results = json.load(f)["results"]
        check_s, baseline_s = results[0]["times"], results[1]["times"]
        method = "hyperfine (blocks)"
    else:
        check_s = [ns / 1e9 for ns in read_ns(args.check_ns)]
        baseline_s = [ns / 1e9 for ns in read_ns(args.baseline_ns)]
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
    print(f"dlmc check ({args.files} files): median {check_median * 1000:.0f} ms  (min {min(check_s) * 1000:.0f} ms, {len(check_s)} runs)")
    print(f"bare JVM, {args.baseline}: median {baseline_median * 1000:.0f} ms  (min {min(baseline_s) * 1000:.0f} ms)")
    print(f"ratio dlmc check / bare JVM: {report['ratio']:.2f}  "
          f"(difference {report['overhead_seconds'] * 1000:+.0f} ms; {method})")
    print(f"written: {args.out}")
    write_json(args.out, report)
    return 0


def write_json(path, report):
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="benchmark", required=True)
    train = sub.add_parser("train")
    train.add_argument("--work", required=True)
    train.add_argument("--models", required=True)
    train.add_argument("--epochs", type=int, required=True)
    train.add_argument("--threads", type=int, required=True)
    train.add_argument("--side", action="append", choices=SIDES, required=True)
    check = sub.add_parser("check")
    check.add_argument("--check-ns")
    check.add_argument("--baseline-ns")
    check.add_argument("--hyperfine-json")
    check.add_argument("--files", type=int, required=True)
    check.add_argument("--baseline", required=True)
    for command in (train, check):
        command.add_argument("--out", required=True)
        command.add_argument("--meta", action="append", default=[], help="key=value context")
    args = p.parse_args(argv)
    return (summarize_train if args.benchmark == "train" else summarize_check)(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
