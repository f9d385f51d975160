"""Reads TensorBoard event files with TensorBoard's own reader.

    python check_tensorboard.py LOGDIR

Prints, as one JSON object, every scalar tag of every event file under LOGDIR with its
(step, value) pairs, and whether a graph was found, as TensorBoard's EventAccumulator (what
`tensorboard --logdir` loads) reads them. Exits 1 when it finds no event file.
"""
import glob
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.util import tensor_util

logdir = sys.argv[1]
runs = sorted({os.path.dirname(f) for f in glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True)})
if not runs:
    print(f"no event files under {logdir}", file=sys.stderr)
    sys.exit(1)
out = {}
for run in runs:
    acc = event_accumulator.EventAccumulator(run, size_guidance={event_accumulator.TENSORS: 0, event_accumulator.SCALARS: 0})
    acc.Reload()
    tags = acc.Tags()
    scalars = {}
    for tag in tags.get("tensors", []):
        scalars[tag] = [[e.step, float(tensor_util.make_ndarray(e.tensor_proto))] for e in acc.Tensors(tag)]
    for tag in tags.get("scalars", []):
        scalars[tag] = [[e.step, e.value] for e in acc.Scalars(tag)]
    out[os.path.relpath(run, logdir)] = {"scalars": scalars, "graph": bool(tags.get("graph"))}
print(json.dumps(out))
