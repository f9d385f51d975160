#!/usr/bin/env python3
"""Real Keras as a training-speed peer of dlmc: the book's chapter-1 listings, verbatim.

Advanced Deep Learning with Keras (R. Atienza, Packt 2018), Listings 1.3.2 (MLP), 1.4.1 (CNN)
and 1.5.1 (SimpleRNN), run on Keras 3 over TensorFlow CPU. The model-building and compile
statements below are the listings' own lines; only what cannot run here, or what a benchmark
must control, differs:
  * `mnist.load_data()` downloads; the same arrays are read from the local idx files instead;
  * `plot_model` (needs pydot and Graphviz) is dropped;
  * `epochs` comes from the command line, `--train-limit N` keeps the first N training images,
    `verbose=0` and a callback that times each epoch;
  * the result is one JSON document in the format of torch_ref.py (per-epoch seconds, test
    accuracy, peak RSS) that `bench/run train` reads.

It runs in the benchmark's own virtual environment (bench/.venv, made by `bench/run train`
with tensorflow-cpu from the machine's Python package index); dlm never depends on it:
    bench/.venv/bin/python bench/train/keras_ref.py --model mlp --epochs 2
"""

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import struct
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_MNIST = os.path.join(REPO_ROOT, "..", "shared", "datasets", "mnist")


def read_idx(path):
    """The uint8 array of one gzipped idx file (what keras.datasets.mnist returns)."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">i", raw[:4])
    rank = magic & 0xFF
    dims = struct.unpack(f">{rank}i", raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_data(directory):
    """keras.datasets.mnist.load_data() from local files: ((x_train, y_train), (x_test, y_test))."""
    def read(name):
        return read_idx(os.path.join(directory, name))
    return ((read("train-images-idx3-ubyte.gz"), read("train-labels-idx1-ubyte.gz")),
            (read("t10k-images-idx3-ubyte.gz"), read("t10k-labels-idx1-ubyte.gz")))


def listing_1_3_2(x_train, x_test, num_labels):
    """mlp-mnist-1.3.2.py, from `image_size = ...` to `model.compile(...)`."""
    from keras.models import Sequential
    from keras.layers import Dense, Activation, Dropout
    # image dimensions (assumed square)
    image_size = x_train.shape[1]
    input_size = image_size * image_size
    # resize and normalize
    x_train = np.reshape(x_train, [-1, input_size])
    x_train = x_train.astype('float32') / 255
    x_test = np.reshape(x_test, [-1, input_size])
    x_test = x_test.astype('float32') / 255
    # network parameters
    batch_size = 128
    hidden_units = 256
    dropout = 0.45
    # model is a 3-layer MLP with ReLU and dropout after each layer
    model = Sequential()
    model.add(Dense(hidden_units, input_dim=input_size))
    model.add(Activation('relu'))
    model.add(Dropout(dropout))
    model.add(Dense(hidden_units))
    model.add(Activation('relu'))
    model.add(Dropout(dropout))
    model.add(Dense(num_labels))
    # this is the output for one-hot vector
    model.add(Activation('softmax'))
    model.compile(loss='categorical_crossentropy',
                  optimizer='adam',
                  metrics=['accuracy'])
    return model, x_train, x_test, batch_size


def listing_1_4_1(x_train, x_test, num_labels):
    """cnn-mnist-1.4.1.py, from `image_size = ...` to `model.compile(...)`."""
    from keras.models import Sequential
    from keras.layers import Activation, Dense, Dropout
    from keras.layers import Conv2D, MaxPooling2D, Flatten
    # input image dimensions
    image_size = x_train.shape[1]
    # resize and normalize
    x_train = np.reshape(x_train, [-1, image_size, image_size, 1])
    x_test = np.reshape(x_test, [-1, image_size, image_size, 1])
    x_train = x_train.astype('float32') / 255
    x_test = x_test.astype('float32') / 255
    # network parameters
    # image is processed as is (square grayscale)
    input_shape = (image_size, image_size, 1)
    batch_size = 128
    kernel_size = 3
    pool_size = 2
    filters = 64
    dropout = 0.2
    # model is a stack of CNN-ReLU-MaxPooling
    model = Sequential()
    model.add(Conv2D(filters=filters,
                     kernel_size=kernel_size,
                     activation='relu',
                     input_shape=input_shape))
    model.add(MaxPooling2D(pool_size))
    model.add(Conv2D(filters=filters,
                     kernel_size=kernel_size,
                     activation='relu'))
    model.add(MaxPooling2D(pool_size))
    model.add(Conv2D(filters=filters,
                     kernel_size=kernel_size,
                     activation='relu'))
    model.add(Flatten())
    # dropout added as regularizer
    model.add(Dropout(dropout))
    # output layer is 10-dim one-hot vector
    model.add(Dense(num_labels))
    model.add(Activation('softmax'))
    # loss function for one-hot vector
    # use of adam optimizer
    # accuracy is good metric for classification tasks
    model.compile(loss='categorical_crossentropy',
                  optimizer='adam',
                  metrics=['accuracy'])
    return model, x_train, x_test, batch_size


def listing_1_5_1(x_train, x_test, num_labels):
    """rnn-mnist-1.5.1.py, from `image_size = ...` to `model.compile(...)`."""
    from keras.models import Sequential
    from keras.layers import Dense, Activation, SimpleRNN
    # resize and normalize
    image_size = x_train.shape[1]
    x_train = np.reshape(x_train, [-1, image_size, image_size])
    x_test = np.reshape(x_test, [-1, image_size, image_size])
    x_train = x_train.astype('float32') / 255
    x_test = x_test.astype('float32') / 255
    # network parameters
    input_shape = (image_size, image_size)
    batch_size = 128
    units = 256
    dropout = 0.2
    # model is RNN with 256 units, input is 28-dim vector 28 timesteps
    model = Sequential()
    model.add(SimpleRNN(units=units,
                        dropout=dropout,
                        input_shape=input_shape))
    model.add(Dense(num_labels))
    model.add(Activation('softmax'))
    # loss function for one-hot vector
    # use of sgd optimizer
    # accuracy is good metric for classification tasks
    model.compile(loss='categorical_crossentropy',
                  optimizer='sgd',
                  metrics=['accuracy'])
    return model, x_train, x_test, batch_size


LISTINGS = {"mlp": (listing_1_3_2, 269_322), "cnn": (listing_1_4_1, 80_266), "rnn": (listing_1_5_1, 75_530)}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, choices=sorted(LISTINGS))
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--train-limit", type=int, help="train on the first N training images only")
    p.add_argument("--mnist", default=DEFAULT_MNIST, help="directory with the four MNIST .gz idx files")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--metrics-out", help="also write the JSON result to this file")
    args = p.parse_args(argv)
    if args.epochs < 1:
        p.error("--epochs must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    import keras
    import tensorflow as tf
    from keras.utils import to_categorical

    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = load_data(args.mnist)
    if args.train_limit:
        x_train, y_train = x_train[:args.train_limit], y_train[:args.train_limit]
    # compute the number of labels; convert to one-hot vector (the listings' own lines)
    num_labels = len(np.unique(y_train))
    y_train = to_categorical(y_train)
    y_test = to_categorical(y_test)
    build, expected_params = LISTINGS[args.model]
    model, x_train, x_test, batch_size = build(x_train, x_test, num_labels)
    params = model.count_params()
    assert params == expected_params, f"{args.model}: {params} parameters, the book has {expected_params}"

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds = []

        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self.started)

    timer = EpochTimer()
    history = model.fit(x_train, y_train, epochs=args.epochs, batch_size=batch_size, verbose=0,
                        callbacks=[timer])
    loss, acc = model.evaluate(x_test, y_test, batch_size=batch_size, verbose=0)

    epochs = [{"epoch": i + 1, "loss": history.history["loss"][i], "accuracy": history.history["accuracy"][i],
               "seconds": s, "samples_per_second": x_train.shape[0] / s} for i, s in enumerate(timer.seconds)]
    steady = statistics.median(timer.seconds[1:] or timer.seconds)
    result = {
        "model": args.model,
        "framework": "keras",
        "params": params,
        "train_samples": int(x_train.shape[0]),
        "batch_size": batch_size,
        "epochs": epochs,
        "steady_seconds_per_epoch": steady,
        "steady_includes_warmup": len(epochs) == 1,
        "samples_per_second": x_train.shape[0] / steady,
        "test": {"loss": loss, "accuracy": acc},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "keras_version": keras.__version__,
        "tensorflow_version": tf.__version__,
        "intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
        "inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads(),
        "python": platform.python_version(),
        "seed": args.seed,
    }
    text = json.dumps(result, indent=2)
    if args.metrics_out:
        with open(args.metrics_out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
