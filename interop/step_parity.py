"""Trains dlm's exported initial weights in Keras, step by step, on dlm's batches.

    python step_parity.py WORK_DIR

WORK_DIR (written by tests/.../StepParityTest.java) holds the training slice, x.u8 (raw
MNIST pixels, one byte each), x.f32 (the same pixels as dlm scaled them, float32
little-endian) and y.u8 (labels), and one folder per case with model.keras (dlm's initial
weights, exported by dlmc) and case.json (the optimizer as Keras names it and its arguments,
whether they are dlm's defaults, batch size, steps, seeds). For every case and seed this
script seeds Keras (keras.utils.set_random_seed: the dropout masks), loads the model, compiles
it with that optimizer and categorical crossentropy, calls train_on_batch on batch after batch
in order (the last of an epoch short, as fit makes it) and writes keras-losses-s<seed>.txt, one
batch loss per line. It first checks that dlm scaled the pixels as the book's listings do
(astype('float32') / 255) and that dlm's default arguments are Keras's. The Java test compares
the losses.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402

OPTIMIZERS = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop,
              "adagrad": keras.optimizers.Adagrad, "adamw": keras.optimizers.AdamW, "nadam": keras.optimizers.Nadam,
              "adamax": keras.optimizers.Adamax, "ftrl": keras.optimizers.Ftrl}


def batches(n, batch_size, steps):
    """The [from, to) of each step: fit's order without shuffling, epoch after epoch."""
    start = 0
    for _ in range(steps):
        end = min(start + batch_size, n)
        yield start, end
        start = 0 if end == n else end


def main(work):
    raw = np.fromfile(os.path.join(work, "x.u8"), dtype=np.uint8)
    labels = np.fromfile(os.path.join(work, "y.u8"), dtype=np.uint8)
    n = labels.shape[0]
    x_all = raw.reshape(n, -1).astype('float32') / 255
    dlm_x = np.fromfile(os.path.join(work, "x.f32"), dtype="<f4").reshape(n, -1)
    if not np.array_equal(x_all, dlm_x):
        raise SystemExit(f"dlm's scaled pixels differ from the listing's in {int((x_all != dlm_x).sum())} values")
    y_all = keras.utils.to_categorical(labels, 10)
    for name in sorted(os.listdir(work)):
        folder = os.path.join(work, name)
        if not os.path.isfile(os.path.join(folder, "case.json")):
            continue
        case = json.load(open(os.path.join(folder, "case.json")))
        if case.get("keras_defaults"):
            # dlm's defaults for a bare optimizer name must be Keras's, or the parity above
            # would compare dlm with a Keras configured like dlm rather than with Keras.
            defaults = OPTIMIZERS[case["optimizer"]]().get_config()
            for key, value in case["config"].items():
                if np.float32(defaults[key]) != np.float32(value):
                    raise SystemExit(f"{name}: dlm's default {key}={value}, Keras's {defaults[key]}")
        for seed in case["seeds"]:
            keras.utils.set_random_seed(seed)
            model = keras.saving.load_model(os.path.join(folder, "model.keras"))
            optimizer = OPTIMIZERS[case["optimizer"]](**case["config"])
            model.compile(loss="categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
            x = x_all.reshape((n,) + tuple(model.input_shape[1:]))
            losses = []
            for start, end in batches(n, case["batch_size"], case["steps"]):
                logs = model.train_on_batch(x[start:end], y_all[start:end], return_dict=True)
                losses.append(float(logs["loss"]))
            out = os.path.join(folder, f"keras-losses-s{seed}.txt")
            with open(out + ".tmp", "w") as f:
                f.write("".join(repr(v) + "\n" for v in losses))
            os.replace(out + ".tmp", out)
            keras.backend.clear_session()
        print(json.dumps({"case": name, "seeds": case["seeds"], "steps": case["steps"]}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
