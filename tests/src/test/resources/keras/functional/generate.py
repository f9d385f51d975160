"""Writes the functional Keras fixtures of dlm's import tests with real Keras 3.

Run from this folder with the bench virtual environment (or any with Keras 3 and TensorFlow):

    python generate.py

ynet.keras is the book's Y-network (cnn-y-network-2.1.2.py); resnet_block.keras is a small
ResNet v1 stem and two residual blocks as the book's resnet_layer builds them (the second with
a strided 1x1 projection shortcut), on 16x16x3 inputs; siamese.keras shares one Dense layer
between two inputs; mc_dropout.keras calls a Dropout layer with training=True, which dlm
refuses (DLM1206). The weights are not used by the tests (only the configurations are).
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
from keras import layers, regularizers

keras.utils.set_random_seed(14)


def ynet():
    left_inputs = keras.Input(shape=(28, 28, 1))
    x = left_inputs
    filters = 32
    for _ in range(3):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.Dropout(0.4)(x)
        x = layers.MaxPooling2D()(x)
        filters *= 2
    right_inputs = keras.Input(shape=(28, 28, 1))
    y = right_inputs
    filters = 32
    for _ in range(3):
        y = layers.Conv2D(filters, 3, padding="same", activation="relu", dilation_rate=2)(y)
        y = layers.Dropout(0.4)(y)
        y = layers.MaxPooling2D()(y)
        filters *= 2
    y = layers.concatenate([x, y])
    y = layers.Flatten()(y)
    y = layers.Dropout(0.4)(y)
    outputs = layers.Dense(10, activation="softmax")(y)
    return keras.Model([left_inputs, right_inputs], outputs, name="y_network")


def resnet_layer(inputs, num_filters=16, kernel_size=3, strides=1, activation="relu", batch_normalization=True):
    x = layers.Conv2D(num_filters, kernel_size=kernel_size, strides=strides, padding="same",
                      kernel_initializer="he_normal", kernel_regularizer=regularizers.l2(1e-4))(inputs)
    if batch_normalization:
        x = layers.BatchNormalization()(x)
    if activation is not None:
        x = layers.Activation(activation)(x)
    return x


def resnet_block():
    inputs = keras.Input(shape=(16, 16, 3))
    x = resnet_layer(inputs)
    for filters, strides in [(16, 1), (32, 2)]:
        y = resnet_layer(x, num_filters=filters, strides=strides)
        y = resnet_layer(y, num_filters=filters, activation=None)
        if strides != 1:
            x = resnet_layer(x, num_filters=filters, kernel_size=1, strides=strides, activation=None,
                             batch_normalization=False)
        x = layers.add([x, y])
        x = layers.Activation("relu")(x)
    x = layers.AveragePooling2D(pool_size=8)(x)
    y = layers.Flatten()(x)
    outputs = layers.Dense(10, activation="softmax", kernel_initializer="he_normal")(y)
    return keras.Model(inputs, outputs, name="resnet_block")


def siamese():
    a = keras.Input(shape=(8,))
    b = keras.Input(shape=(8,))
    encode = layers.Dense(4, activation="relu")
    d = layers.subtract([encode(a), encode(b)])
    return keras.Model([a, b], layers.Dense(2, activation="softmax")(d), name="siamese")


def mc_dropout():
    """Refused (DLM1206): Dropout called with training=True stays on at inference (Monte Carlo dropout)."""
    inputs = keras.Input(shape=(8,))
    x = layers.Dense(4)(inputs)
    x = layers.Dropout(0.5)(x, training=True)
    return keras.Model(inputs, layers.Dense(2, activation="softmax")(x), name="mc_dropout")


for name, make in {"ynet": ynet, "resnet_block": resnet_block, "siamese": siamese, "mc_dropout": mc_dropout}.items():
    keras.backend.clear_session()
    model = make()
    model.save(f"{name}.keras")
    print(name, model.count_params())
with open("VERSIONS.txt", "w") as f:
    f.write(f"keras {keras.__version__}\n")
