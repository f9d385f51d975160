"""Writes the Keras fixtures of dlm's import tests with real Keras.

Run from this folder with the interop virtual environment (see README.md, "Interop tests"):

    ../../../../../.venv-interop/bin/python generate.py

Each model is built with seeded weights, saved as Keras 3's .keras and as the legacy .h5,
and its predictions on inputs.npy are saved as <name>.expected.npy, so that the Java tests
can check that `dlmc import` followed by `dlmc predict` reproduces Keras without Python.
VERSIONS.txt records the Keras, TensorFlow and h5py versions that wrote the files.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import h5py
import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(7)
rng = np.random.default_rng(7)


def randomize_statistics(model):
    """Non-trivial BatchNormalization moving statistics, so inference differs from training."""
    for layer in model.layers:
        if isinstance(layer, layers.BatchNormalization):
            n = layer.moving_mean.shape[0]
            layer.moving_mean.assign(rng.normal(0, 0.2, n).astype("float32"))
            layer.moving_variance.assign(rng.uniform(0.5, 1.5, n).astype("float32"))


def sequence():
    return [layers.Input(shape=(12, 10))]


MODELS = {
    "mlp": lambda: keras.Sequential([
        layers.Input(shape=(120,)),
        layers.Dense(16, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(8, kernel_regularizer=keras.regularizers.L2(0.001)),
        layers.Activation("tanh"),
        layers.Dense(10, activation="softmax"),
    ]),
    "cnn_bn": lambda: keras.Sequential([
        layers.Input(shape=(12, 10, 1)),
        layers.Conv2D(4, 3, padding="same", use_bias=False),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(6, (3, 2), strides=(1, 2), activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(10, activation="softmax"),
    ]),
    "rnn": lambda: keras.Sequential(sequence() + [
        layers.SimpleRNN(8, return_sequences=True),
        layers.SimpleRNN(6),
        layers.Dense(10, activation="softmax"),
    ]),
    "lstm_gru": lambda: keras.Sequential(sequence() + [
        layers.LSTM(8, return_sequences=True),
        layers.GRU(6, reset_after=True),
        layers.Dense(10, activation="softmax"),
    ]),
    "bilstm": lambda: keras.Sequential(sequence() + [
        layers.Bidirectional(layers.LSTM(5), merge_mode="sum"),
        layers.Dense(10, activation="softmax"),
    ]),
    "gru_before": lambda: keras.Sequential(sequence() + [
        layers.GRU(7, reset_after=False, go_backwards=True),
        layers.Dense(10, activation="softmax"),
    ]),
}

inputs = rng.uniform(0, 1, (5, 120)).astype("float32")
np.save("inputs.npy", inputs)

for name, build in MODELS.items():
    model = build()
    randomize_statistics(model)
    shape = (5,) + tuple(model.input_shape[1:])
    np.save(f"{name}.expected.npy", model.predict(inputs.reshape(shape), verbose=0))
    model.save(f"{name}.keras")
    model.save(f"{name}.h5")

# Models dlm refuses, each with its own diagnostic.
inp = keras.Input(shape=(120,))
keras.Model(inp, layers.Dense(10)(inp)).save("refused_functional.keras")
keras.Sequential([layers.Input(shape=(120,)), layers.GaussianDropout(0.1), layers.Dense(10)]).save("refused_layer.keras")
keras.Sequential([layers.Input(shape=(120,)),
                  layers.Dense(10, kernel_constraint=keras.constraints.MaxNorm(2.0))]).save("refused_argument.keras")

with open("VERSIONS.txt", "w") as f:
    f.write(f"keras {keras.__version__}\ntensorflow {tf.__version__}\nh5py {h5py.__version__}\nnumpy {np.__version__}\n")
