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
    shape = serve.structured_input_signature[1]["input"].shape
    got = serve(input=tf.constant(images[:n].reshape((n,) + tuple(shape[1:]))))["output"].numpy()
    print(json.dumps({"model": name, "format": "savedmodel", "samples": n,
                      "max_abs_diff": float(np.abs(got - expected).max())}), flush=True)
    model = keras.saving.load_model(os.path.join(folder, "model.keras"))
    got = model.predict(images[:n].reshape((n,) + tuple(model.input_shape[1:])), verbose=0)
    print(json.dumps({"model": name, "format": "keras", "samples": n,
                      "max_abs_diff": float(np.abs(got - expected).max())}), flush=True)
