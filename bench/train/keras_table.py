#!/usr/bin/env python3
"""Real Keras on one row of the book's Table 1.3.2: the MLP configurations of models/tables/mlp-table.dlm.

Advanced Deep Learning with Keras (R. Atienza, Packt 2018), Table 1.3.2 ("Different MLP
network configurations and performance measures") varies Listing 1.3.2: three hidden Dense
layers of the given widths, each followed by ReLU (unless the row says none) and by the row's
regularizer (Dropout(rate) after the ReLU, or l2(x) on the Dense's kernel), then Dense(10)
softmax; categorical crossentropy, the row's optimizer by name (Keras's defaults), 20 epochs
at batch size 128. The model is built as Listing 1.3.2 builds its own (Sequential, add), the
data are read and scaled by keras_ref.py's (the listing's) lines, and the result is the same
JSON document keras_ref.py writes. It answers: does real Keras reach the book's numbers on a
row where dlm does not (issue 11: the SGD rows)?

    .venv-interop/bin/python bench/train/keras_table.py --units 256,256,256 --optimizer sgd \
        --dropout 0 --seed 1 --epochs 20 --metrics-out row4.json
"""

import argparse
import json
import os
import platform
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from keras_ref import DEFAULT_MNIST, load_data  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--units", default="256,256,256", help="the three hidden widths, as the table's 'Layers' column")
    p.add_argument("--dropout", type=float, default=0.45, help="Dropout rate after each hidden ReLU; 0: no Dropout layers")
    p.add_argument("--l2", type=float, default=None, help="l2(x) kernel_regularizer on each hidden Dense")
    p.add_argument("--no-relu", action="store_true", help="the hidden layers stay linear (the table's 'ReLU None' row)")
    p.add_argument("--optimizer", default="adam", help="Keras optimizer name, with Keras's defaults")
    p.add_argument("--learning-rate", type=float, help="instead of the optimizer's default (probing other settings than the book's)")
    p.add_argument("--momentum", type=float, help="SGD's momentum instead of its default 0")
    p.add_argument("--batch-size", type=int, default=128, help="the book's 128 unless probing")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mnist", default=DEFAULT_MNIST, help="directory with the four MNIST .gz idx files")
    p.add_argument("--metrics-out", help="also write the JSON result to this file")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    import keras
    import tensorflow as tf
    from keras.layers import Activation, Dense, Dropout
    from keras.models import Sequential
    from keras.regularizers import l2
    from keras.utils import to_categorical

    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = load_data(args.mnist)
    num_labels = len(np.unique(y_train))
    y_train = to_categorical(y_train)
    y_test = to_categorical(y_test)
    # Listing 1.3.2's lines
    image_size = x_train.shape[1]
    input_size = image_size * image_size
    x_train = np.reshape(x_train, [-1, input_size]).astype('float32') / 255
    x_test = np.reshape(x_test, [-1, input_size]).astype('float32') / 255
    batch_size = args.batch_size
    model = Sequential()
    model.add(keras.Input(shape=(input_size,)))
    for units in [int(u) for u in args.units.split(",")]:
        model.add(Dense(units, kernel_regularizer=l2(args.l2) if args.l2 else None))
        if not args.no_relu:
            model.add(Activation('relu'))
        if args.dropout > 0:
            model.add(Dropout(args.dropout))
    model.add(Dense(num_labels))
    model.add(Activation('softmax'))
    optimizer = keras.optimizers.get(args.optimizer)
    overrides = {k: v for k, v in (("learning_rate", args.learning_rate), ("momentum", args.momentum)) if v is not None}
    if overrides:
        optimizer = type(optimizer).from_config({**optimizer.get_config(), **overrides})
    model.compile(loss='categorical_crossentropy', optimizer=optimizer, metrics=['accuracy'])

    seconds = []

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.started)

    history = model.fit(x_train, y_train, epochs=args.epochs, batch_size=batch_size, verbose=0,
                        callbacks=[EpochTimer()])
    loss, acc = model.evaluate(x_test, y_test, batch_size=batch_size, verbose=0)
    train_loss, train_acc = model.evaluate(x_train, y_train, batch_size=batch_size, verbose=0)
    result = {
        "framework": "keras",
        "row": {"units": args.units, "relu": not args.no_relu, "dropout": args.dropout, "l2": args.l2,
                "optimizer": optimizer.get_config()},
        "params": model.count_params(),
        "batch_size": batch_size,
        "seed": args.seed,
        "epochs": [{"epoch": i + 1, "loss": history.history["loss"][i], "accuracy": history.history["accuracy"][i],
                    "seconds": s} for i, s in enumerate(seconds)],
        # fit's last-epoch accuracy is the mean over the epoch with dropout on; the table's
        # train accuracy may be either, so both are recorded.
        "train_evaluated": {"loss": train_loss, "accuracy": train_acc},
        "test": {"loss": loss, "accuracy": acc},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "keras_version": keras.__version__,
        "tensorflow_version": tf.__version__,
        "python": platform.python_version(),
    }
    text = json.dumps(result, indent=2)
    if args.metrics_out:
        with open(args.metrics_out + ".tmp", "w") as f:
            f.write(text + "\n")
        os.replace(args.metrics_out + ".tmp", args.metrics_out)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
