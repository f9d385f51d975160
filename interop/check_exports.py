"""Reads dlmc's SavedModel and .keras exports with TensorFlow and Keras themselves.

    python check_exports.py WORK_DIR

WORK_DIR holds images.idx (the samples, unsigned bytes scaled by 1/255 as dlmc scales them)
and one folder per model with saved/ (a SavedModel), model.keras and predict.csv (what
`dlmc predict` printed). Prints one JSON line per model and format with the largest absolute
difference from dlmc's probabilities; the Java interop test judges them.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras
import tensorflow as tf


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    pixels = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)
    return pixels.astype(np.float32) / np.float32(255)


def read_predictions(path):
    rows = [line.split(",") for line in open(path).read().strip().split("\n")[1:]]
    return np.array([[float(v) for v in row[2:]] for row in rows], dtype=np.float32)


work = sys.argv[1]
images = read_idx(os.path.join(work, "images.idx"))
for name in sorted(os.listdir(work)):
    folder = os.path.join(work, name)
    if not os.path.isfile(os.path.join(folder, "predict.csv")):
        continue
    expected = read_predictions(os.path.join(folder, "predict.csv"))
    n = expected.shape[0]
    saved = tf.saved_model.load(os.path.join(folder, "saved"))
    serve = saved.signatures["serving_default"]
    # A Sequential export reads "input" and writes "output"; a functional one reads each input
    # by its name (every input gets the same images, reshaped, as dlm feeds a data sample to
    # every input) and writes each output by its tensor's name (these models have one).
    feeds = {key: tf.constant(images[:n].reshape((n,) + tuple(spec.shape[1:])))
             for key, spec in serve.structured_input_signature[1].items()}
    outputs = serve(**feeds)
    got = (outputs["output"] if "output" in outputs else next(iter(outputs.values()))).numpy()
    print(json.dumps({"model": name, "format": "savedmodel", "samples": n,
                      "max_abs_diff": float(np.abs(got - expected).max())}), flush=True)
    model = keras.saving.load_model(os.path.join(folder, "model.keras"))
    xs = [images[:n].reshape((n,) + tuple(t.shape[1:])) for t in model.inputs]
    got = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    print(json.dumps({"model": name, "format": "keras", "samples": n,
                      "max_abs_diff": float(np.abs(got - expected).max())}), flush=True)
