#!/usr/bin/env python3
"""Seed parity of dlmc with real Keras: the report of `bench/run parity`.

    parity.py --dir bench/results/parity --models mlp,rnn,cnn --seeds 5 [--epochs mlp=20,...] [--out FILE]

Reads the cached runs <dir>/{keras,dlmc}-<model>-s<seed>-e<epochs>.json (keras_ref.py's and
`dlmc run --metrics-out`'s formats: both have test.accuracy) for seeds 1..N, and prints, per
listing, the mean and sample standard deviation of the test accuracy on each side, the Welch
t-test of the difference (two-sided p-value; Student's t CDF through the regularized
incomplete beta function, computed here so any python3 runs it) and the book's numbers.
A listing with fewer than two runs on a side has no test; missing runs are named.

Standard library only.
"""

import argparse
import json
import math
import os
import statistics
import sys

# The listings' own epochs (Atienza, Advanced Deep Learning with Keras, chapter 1).
EPOCHS = {"mlp": 20, "cnn": 10, "rnn": 20}
# The book's test accuracies (%): Listing 1.3.2's docstring (98.3) and Table 1.3.2 (98.5) for the
# MLP, Table 1.4.1 for the CNN, Table 1.5.1 for the SimpleRNN.
BOOK = {"mlp": "98.3 / 98.5", "cnn": "99.4", "rnn": "98.0"}
SIDES = ("keras", "dlmc")


def betacf(a, b, x):
    """The continued fraction of the incomplete beta function (modified Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            return h
    raise ArithmeticError("incomplete beta: no convergence")


def betainc(a, b, x):
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * betacf(a, b, x) / a
    return 1.0 - front * betacf(b, a, 1 - x) / b


def t_two_sided_p(t, df):
    """P(|T| >= |t|) for Student's t with df (real) degrees of freedom."""
    if math.isinf(t):
        return 0.0
    return betainc(df / 2, 0.5, df / (df + t * t))


def welch(a, b):
    """Welch's t statistic, its degrees of freedom (Welch-Satterthwaite) and the two-sided p-value."""
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    diff = statistics.mean(a) - statistics.mean(b)
    if va + vb == 0:
        return (0.0 if diff == 0 else math.copysign(math.inf, diff)), float("nan"), (1.0 if diff == 0 else 0.0)
    t = diff / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va * va / (len(a) - 1) + vb * vb / (len(b) - 1))
    return t, df, t_two_sided_p(t, df)


def read_runs(directory, side, model, seeds, epochs):
    """{seed: test accuracy} of the cached runs that exist; the missing file names."""
    found, missing = {}, []
    for s in range(1, seeds + 1):
        name = f"{side}-{model}-s{s}-e{epochs}.json"
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            missing.append(name)
            continue
        with open(path) as f:
            found[s] = float(json.load(f)["test"]["accuracy"])
    return found, missing


def spread(values):
    if not values:
        return "-"
    if len(values) == 1:
        return f"{100 * values[0]:.2f} (n=1)"
    return f"{100 * statistics.mean(values):.2f} ± {100 * statistics.stdev(values):.2f} (n={len(values)})"


def report(args):
    epochs = dict(EPOCHS)
    for item in filter(None, (args.epochs or "").split(",")):
        model, _, value = item.partition("=")
        epochs[model] = int(value)
    rows = []
    print(f"{'listing':<8} {'epochs':>6}  {'Keras test accuracy %':<24} {'dlmc test accuracy %':<24} "
          f"{'diff':>6} {'t':>7} {'df':>5} {'p':>6}  book %")
    for model in args.models.split(","):
        e = epochs[model]
        runs = {side: read_runs(args.dir, side, model, args.seeds, e) for side in SIDES}
        keras = [v for _, v in sorted(runs["keras"][0].items())]
        dlmc = [v for _, v in sorted(runs["dlmc"][0].items())]
        row = {"model": model, "epochs": e, "book": BOOK[model],
               "keras": {"seeds": sorted(runs["keras"][0]), "accuracy": keras},
               "dlmc": {"seeds": sorted(runs["dlmc"][0]), "accuracy": dlmc},
               "missing": runs["keras"][1] + runs["dlmc"][1]}
        diff = t = df = p = None
        if keras and dlmc:
            diff = statistics.mean(dlmc) - statistics.mean(keras)
        if len(keras) >= 2 and len(dlmc) >= 2:
            t, df, p = welch(dlmc, keras)
        row.update({"mean_difference": diff, "welch_t": t, "welch_df": df, "p_value": p})
        rows.append(row)
        print(f"{model:<8} {e:>6}  {spread(keras):<24} {spread(dlmc):<24} "
              f"{'-' if diff is None else f'{100 * diff:+.2f}':>6} {'-' if t is None else f'{t:+.2f}':>7} "
              f"{'-' if df is None or math.isnan(df) else f'{df:.1f}':>5} {'-' if p is None else f'{p:.3f}':>6}  {BOOK[model]}")
    for row in rows:
        if row["missing"]:
            print(f"missing for {row['model']}: {', '.join(row['missing'])}")
    significant = [r["model"] for r in rows if r["p_value"] is not None and r["p_value"] < 0.05]
    print("significant at 5 %: " + (", ".join(significant) if significant else "none"))
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"benchmark": "parity", "seeds": args.seeds, "rows": rows}, f, indent=2)
            f.write("\n")
        os.replace(tmp, args.out)
        print(f"results: {args.out}", file=sys.stderr)


def self_check():
    """Known values of Student's t (two-sided): t=2.776 at 4 df and t=2.228 at 10 df give p = 0.05."""
    for t, df in ((2.776445, 4), (2.228139, 10), (1.959964, 1e7)):
        p = t_two_sided_p(t, df)
        assert abs(p - 0.05) < 1e-5, (t, df, p)
    assert abs(t_two_sided_p(1.0, 1) - 0.5) < 1e-12  # Cauchy: P(|T| >= 1) = 1/2
    print("parity.py: t distribution checks pass")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", help="the cache of runs, bench/results/parity")
    p.add_argument("--models", default="mlp,cnn,rnn")
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--epochs", help="epochs per listing when not the book's, as mlp=2,cnn=1")
    p.add_argument("--out", help="also write the report as JSON")
    p.add_argument("--self-check", action="store_true", help="check the t distribution against known values and exit")
    args = p.parse_args(argv)
    if args.self_check:
        self_check()
        return
    if not args.dir:
        p.error("--dir is required")
    report(args)


if __name__ == "__main__":
    main(sys.argv[1:])
