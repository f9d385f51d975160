#!/usr/bin/env python3
"""Writes the chapter-2 ResNet and DenseNet model files (models/resnet*.dlm, models/densenet*.dlm).

dlm has no loops: these files are the book's Python builders (Atienza, Advanced Deep Learning
with Keras, chapter 2: resnet-cifar10-2.2.1.py and densenet-cifar10-2.4.1.py) unrolled, line
for line, by the functions below, which follow the book's code statement by statement. Run from
the repository root, with any Python 3 (no packages needed):

    python3 models/gen/chapter2.py            # rewrites the five .dlm files
    python3 models/gen/chapter2.py --keras    # also builds each model in Keras and compares counts

`--keras` needs Keras 3 (the bench virtualenv has it); it prints Keras's total, trainable and
non-trainable parameter counts next to the ones pinned in the files, fails on a mismatch, and
writes every layer's Keras name, class, output shape and parameter count to
tests/src/test/resources/keras/chapter2/<model>.tsv, which Chapter2KerasPinsTest compares with
`dlmc summary --format json` without Python.
"""
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = "python3 models/gen/chapter2.py"

# The book's lr_schedule(epoch): 1e-3, divided at epochs > 80, 120, 160, 180. Keras calls it
# with the 0-based epoch at each epoch's start. dlm's PiecewiseConstantDecay is a function of
# the step: with 50,000 samples in batches of 32 an epoch is ceil(50000/32) = 1563 steps, and
# epoch e starts at step e*1563, so the rate of epochs 0..80 holds up to step 81*1563-1.
STEPS_PER_EPOCH = math.ceil(50000 / 32)
LR_EPOCHS = [81, 121, 161, 181]
LR_VALUES = ["1e-3", "1e-4", "1e-5", "1e-6", "5e-7"]


class Builder:
    """Collects a functional model's assignment lines and its parameter arithmetic."""

    def __init__(self):
        self.lines = []
        self.params = 0          # total
        self.frozen = 0          # non-trainable (BatchNormalization's moving mean and variance)
        self.shapes = {}         # tensor name -> (h, w, c)

    def emit(self, line):
        self.lines.append("    " + line)

    def input(self, name, shape):
        self.emit(f"{name} = Input(shape=[{', '.join(map(str, shape))}])")
        self.shapes[name] = tuple(shape)

    def conv(self, out, inp, filters, kernel_size=3, strides=1, he=True, l2=True):
        h, w, c = self.shapes[inp]
        args = [str(filters), f"kernel_size={kernel_size}"]
        if strides != 1:
            args.append(f"strides={strides}")
        args.append("padding='same'")
        if he:
            args.append("kernel_initializer='he_normal'")
        if l2:
            args.append("kernel_regularizer=l2(1e-4)")
        self.emit(f"{out} = Conv2D({', '.join(args)})({inp})")
        self.params += kernel_size * kernel_size * c * filters + filters
        self.shapes[out] = (math.ceil(h / strides), math.ceil(w / strides), filters)

    def bn(self, out, inp):
        self.emit(f"{out} = BatchNormalization()({inp})")
        c = self.shapes[inp][2]
        self.params += 4 * c
        self.frozen += 2 * c
        self.shapes[out] = self.shapes[inp]

    def act(self, out, inp, activation="relu"):
        self.emit(f"{out} = Activation('{activation}')({inp})")
        self.shapes[out] = self.shapes[inp]

    def add(self, out, a, b):
        self.emit(f"{out} = Add()([{a}, {b}])")
        assert self.shapes[a] == self.shapes[b], (a, b, self.shapes[a], self.shapes[b])
        self.shapes[out] = self.shapes[a]

    def concat(self, out, a, b):
        self.emit(f"{out} = Concatenate()([{a}, {b}])")
        (h, w, c1), (_, _, c2) = self.shapes[a], self.shapes[b]
        self.shapes[out] = (h, w, c1 + c2)

    def avg_pool(self, out, inp, pool_size=None):
        self.emit(f"{out} = AveragePooling2D({'' if pool_size is None else f'pool_size={pool_size}'})({inp})")
        h, w, c = self.shapes[inp]
        p = pool_size or 2
        self.shapes[out] = (h // p, w // p, c)

    def classifier(self, inp, classes=10):
        h, w, c = self.shapes[inp]
        self.emit(f"y = Flatten()({inp})")
        self.emit(f"outputs = Dense({classes}, activation='softmax', kernel_initializer='he_normal')(y)")
        self.params += h * w * c * classes + classes

    def comment(self, text):
        self.lines.append("    # " + text)

    def blank(self):
        self.lines.append("")


def resnet_layer(b, out, inp, num_filters=16, kernel_size=3, strides=1, activation="relu",
                 batch_normalization=True, conv_first=True):
    """The book's resnet_layer: Conv2D-BN-Activation (conv_first) or BN-Activation-Conv2D."""
    if conv_first:
        b.conv(out, inp, num_filters, kernel_size, strides)
        if batch_normalization:
            b.bn(out, out)
        if activation is not None:
            b.act(out, out, activation)
    else:
        x = inp
        if batch_normalization:
            b.bn(out, x)
            x = out
        if activation is not None:
            b.act(out, x, activation)
            x = out
        b.conv(out, x, num_filters, kernel_size, strides)


def resnet_v1(depth):
    b = Builder()
    num_filters = 16
    num_res_blocks = (depth - 2) // 6
    b.input("inputs", (32, 32, 3))
    resnet_layer(b, "x", "inputs")
    for stack in range(3):
        for res_block in range(num_res_blocks):
            b.blank()
            b.comment(f"stack {stack}, residual block {res_block}")
            strides = 2 if stack > 0 and res_block == 0 else 1
            resnet_layer(b, "y", "x", num_filters=num_filters, strides=strides)
            resnet_layer(b, "y", "y", num_filters=num_filters, activation=None)
            if stack > 0 and res_block == 0:
                # linear projection shortcut: a strided 1x1 Conv2D without BN
                resnet_layer(b, "x", "x", num_filters=num_filters, kernel_size=1, strides=strides,
                             activation=None, batch_normalization=False)
            b.add("x", "x", "y")
            b.act("x", "x")
        num_filters *= 2
    b.blank()
    b.comment("classifier: v1 has no BN after the last shortcut's ReLU")
    b.avg_pool("x", "x", 8)
    b.classifier("x")
    return b


def resnet_v2(depth):
    b = Builder()
    num_filters_in = 16
    num_res_blocks = (depth - 2) // 9
    b.input("inputs", (32, 32, 3))
    resnet_layer(b, "x", "inputs", num_filters=num_filters_in, conv_first=True)
    for stage in range(3):
        for res_block in range(num_res_blocks):
            b.blank()
            b.comment(f"stage {stage}, bottleneck block {res_block}")
            activation, batch_normalization, strides = "relu", True, 1
            if stage == 0:
                num_filters_out = num_filters_in * 4
                if res_block == 0:
                    activation, batch_normalization = None, False
            else:
                num_filters_out = num_filters_in * 2
                if res_block == 0:
                    strides = 2
            resnet_layer(b, "y", "x", num_filters=num_filters_in, kernel_size=1, strides=strides,
                         activation=activation, batch_normalization=batch_normalization, conv_first=False)
            resnet_layer(b, "y", "y", num_filters=num_filters_in, conv_first=False)
            resnet_layer(b, "y", "y", num_filters=num_filters_out, kernel_size=1, conv_first=False)
            if res_block == 0:
                resnet_layer(b, "x", "x", num_filters=num_filters_out, kernel_size=1, strides=strides,
                             activation=None, batch_normalization=False)
            b.add("x", "x", "y")
        num_filters_in = num_filters_out
    b.blank()
    b.comment("classifier: v2 has BN-ReLU before the pooling")
    b.bn("x", "x")
    b.act("x", "x")
    b.avg_pool("x", "x", 8)
    b.classifier("x")
    return b


def densenet_bc(depth=100, growth_rate=12, num_dense_blocks=3, compression_factor=0.5):
    """densenet-cifar10-2.4.1.py with data_augmentation = True (so no Dropout layers)."""
    b = Builder()
    num_bottleneck_layers = (depth - 4) // (2 * num_dense_blocks)
    num_filters_bef_dense_block = 2 * growth_rate
    b.input("inputs", (32, 32, 3))
    b.bn("x", "inputs")
    b.act("x", "x")
    b.conv("x", "x", num_filters_bef_dense_block, 3, l2=False)
    b.concat("x", "inputs", "x")
    for i in range(num_dense_blocks):
        for j in range(num_bottleneck_layers):
            b.blank()
            b.comment(f"dense block {i}, bottleneck layer {j}")
            b.bn("y", "x")
            b.act("y", "y")
            b.conv("y", "y", 4 * growth_rate, 1, l2=False)
            b.bn("y", "y")
            b.act("y", "y")
            b.conv("y", "y", growth_rate, 3, l2=False)
            b.concat("x", "x", "y")
        if i == num_dense_blocks - 1:
            continue
        num_filters_bef_dense_block += num_bottleneck_layers * growth_rate
        num_filters_bef_dense_block = int(num_filters_bef_dense_block * compression_factor)
        b.blank()
        b.comment(f"transition layer {i}: BN, 1x1 Conv2D to {num_filters_bef_dense_block} filters, AveragePooling2D")
        b.bn("y", "x")
        b.conv("y", "y", num_filters_bef_dense_block, 1, l2=False)
        b.avg_pool("x", "y")
    b.blank()
    b.comment("classifier: after the 8x8 average pooling the feature map is 1x1")
    b.avg_pool("x", "x", 8)
    b.classifier("x")
    return b


def piecewise():
    bounds = [e * STEPS_PER_EPOCH - 1 for e in LR_EPOCHS]
    return f"PiecewiseConstantDecay(boundaries=[{', '.join(map(str, bounds))}], values=[{', '.join(LR_VALUES)}])"


def lr_header():
    bounds = ", ".join(f"{e}*{STEPS_PER_EPOCH}-1" for e in LR_EPOCHS)
    return [
        "The book's LearningRateScheduler(lr_schedule) sets the rate at each epoch's start: 1e-3, then",
        "1e-4 after epoch 80, 1e-5 after 120, 1e-6 after 160, 5e-7 after 180 (0-based epochs). Its",
        "ReduceLROnPlateau(factor=sqrt(0.1), patience=5, min_lr=0.5e-6) only changes the rate at an",
        "epoch's end, which the scheduler overwrites at the next epoch's start, so the book's rate is",
        "the schedule alone. dlm writes it as a PiecewiseConstantDecay over steps: 50,000 samples in",
        f"batches of 32 are ceil(50000/32) = {STEPS_PER_EPOCH} steps an epoch, boundaries {bounds}",
        "(the rate follows the epoch only for the full training set and batch_size = 32).",
        "The book subtracts the training set's per-pixel mean from every image (subtract_pixel_mean);",
        "dlm's cifar10 source does not, so its inputs are the pixels scaled to [0, 1] only.",
    ]


def write(name, title, source, builder, header, train, shape_notes, param_notes):
    total = builder.params
    lines = [f"# models/{name}.dlm",
             "# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), chapter 2,",
             f"# {source}: {title}",
             f"# Generated by `{GENERATOR}` (the book's builder unrolled; edit the generator, not this file)."]
    lines += ["# " + h for h in header]
    lines += ["# shapes: " + shape_notes[0]] + ["#         " + s for s in shape_notes[1:]]
    lines += ["# params: " + param_notes[0]] + ["#         " + s for s in param_notes[1:]]
    lines += ["",
              "data cifar10(crop_padding=4, horizontal_flip=True)  # x: 32x32x3 pixels scaled to [0,1], y: one-hot of 10",
              "",
              f"model {name} {{"]
    lines += builder.lines
    lines += ["}", "", "train {"] + ["    " + t for t in train] + ["}", "",
              f"expect params == {total:_}",
              f"expect non_trainable_params == {builder.frozen:_}",
              ""]
    (ROOT / "models" / f"{name}.dlm").write_text("\n".join(lines))


def resnet_params(version, depth):
    """The arithmetic of a ResNet's parameter count, as header lines."""
    if version == 1:
        n = (depth - 2) // 6
        return [
            f"n = (depth-2)/6 = {n} residual blocks per stack; every Conv2D has a bias, every BN 4*c",
            "weights (gamma, beta trainable; moving mean and variance not).",
            "stem: Conv2D 3*3*3*16+16 = 448, BN 64",
            f"stack 0 ({n} blocks of two 3x3 Conv2D(16)+BN): {n}*2*(3*3*16*16+16 + 64) = {n * 2 * (2320 + 64):_}",
            f"stack 1: first block 3*3*16*32+32 + 3*3*32*32+32 + 2*128 + shortcut 1*1*16*32+32 = {4640 + 9248 + 256 + 544:_};",
            f"         {n - 1} more: {n - 1}*2*(9248+128) = {(n - 1) * 2 * (9248 + 128):_}",
            f"stack 2: first block 3*3*32*64+64 + 3*3*64*64+64 + 2*256 + shortcut 1*1*32*64+64 = {18496 + 36928 + 512 + 2112:_};",
            f"         {n - 1} more: {n - 1}*2*(36928+256) = {(n - 1) * 2 * (36928 + 256):_}",
            "Dense 64*10+10 = 650",
        ]
    return None


def main(check_keras):
    results = {}
    for version, depth in [(1, 20), (1, 56), (2, 20), (2, 56)]:
        b = resnet_v1(depth) if version == 1 else resnet_v2(depth)
        name = f"resnet{depth}v{version}"
        n = (depth - 2) // (6 if version == 1 else 9)
        if version == 1:
            title = f"ResNet v1, depth {depth} = 6n+2 with n = {n}."
            header = [
                "The book's resnet_v1: a Conv2D(16)-BN-ReLU stem, three stacks of n residual blocks with",
                "16, 32, 64 filters (each block: two 3x3 Conv2D-BN, ReLU between, added to the shortcut,",
                "then ReLU); the first block of stacks 1 and 2 downsamples with strides=2 and its shortcut",
                "is a strided 1x1 Conv2D (a linear projection, no BN). AveragePooling2D(8), Flatten, Dense(10)",
                "softmax. Every Conv2D: padding='same', he_normal, kernel_regularizer=l2(1e-4).",
                "Trained with Adam(1e-3), batch 32, 200 epochs, validation on the test set. The book's table",
                f"gives {'92.16% (200 epochs; paper 91.25%)' if depth == 20 else '92.71% (200 epochs; paper 93.03%)'} test accuracy.",
            ] + lr_header()
            shapes = ["32x32x3 -stem-> 32x32x16 -stack 0-> 32x32x16 -stack 1-> 16x16x32",
                      "-stack 2-> 8x8x64 -pool(8)-> 1x1x64 -> 64 -> 10"]
            params = resnet_params(1, depth)
        else:
            title = f"ResNet v2, depth {depth} = 9n+2 with n = {n}."
            header = [
                "The book's resnet_v2: a Conv2D(16)-BN-ReLU stem, three stages of n bottleneck blocks",
                "(BN-ReLU-Conv2D 1x1, 3x3, 1x1; in filters 16, 64, 128 and out filters 64, 128, 256); the",
                "first block of every stage has a 1x1 Conv2D projection shortcut (strides=2 in stages 1",
                "and 2), and the very first block starts with a bare Conv2D (no BN-ReLU). BN-ReLU,",
                "AveragePooling2D(8), Flatten, Dense(10) softmax. Every Conv2D: padding='same', he_normal,",
                "kernel_regularizer=l2(1e-4). Trained as ResNet v1 (Adam(1e-3), batch 32, 200 epochs).",
                f"The book's table gives {'no accuracy for ResNet20 v2' if depth == 20 else '93.01% (200 epochs)'}.",
            ] + lr_header()
            shapes = ["32x32x3 -stem-> 32x32x16 -stage 0-> 32x32x64 -stage 1-> 16x16x128",
                      "-stage 2-> 8x8x256 -BN, ReLU, pool(8)-> 1x1x256 -> 256 -> 10"]
            params = resnet_v2_params(n)
        params = params + [f"total {b.params:_}, of which non-trainable {b.frozen:_} (BN moving mean and variance)"]
        train = ["loss       = categorical_crossentropy",
                 f"optimizer  = adam(learning_rate={piecewise()})",
                 "metrics    = [accuracy]",
                 "epochs     = 200",
                 "batch_size = 32",
                 "validation = test",
                 "callbacks  = [ModelCheckpoint('cifar10_best.keras', monitor='val_accuracy', save_best_only=True)]"]
        write(name, title, "resnet-cifar10-2.2.1.py", b, header, train, shapes, params)
        results[name] = (b.params, b.frozen)

    b = densenet_bc()
    header = [
        "The book's DenseNet-BC (depth 100, growth rate k = 12) with data_augmentation = True (so",
        "no Dropout): BN-ReLU-Conv2D(24, 3) concatenated with the input image, three dense blocks of",
        "(100-4)/(2*3) = 16 bottleneck layers (BN-ReLU-Conv2D(48, 1)-BN-ReLU-Conv2D(12, 3), concatenated",
        "to the block's input), transition layers (BN, Conv2D 1x1 halving the channels,",
        "AveragePooling2D) after the first two blocks, AveragePooling2D(8), Flatten, Dense(10) softmax.",
        "Every Conv2D: padding='same', he_normal, no regularizer. Trained with RMSprop(1e-3), batch 32,",
        "200 epochs; the book reports 93.74% (paper: 95.49%). Its callbacks are ResNet's.",
    ] + lr_header()[:7]
    shapes = ["32x32x3 -conv, concat-> 32x32x27 -block 0-> 32x32x219 -transition-> 16x16x108",
              "-block 1-> 16x16x300 -transition-> 8x8x150 -block 2-> 8x8x342 -pool(8)-> 342 -> 10"]
    params = densenet_params() + [f"total {b.params:_}, of which non-trainable {b.frozen:_} (BN moving mean and variance)"]
    train = ["loss       = categorical_crossentropy",
             f"optimizer  = rmsprop(learning_rate={piecewise()})",
             "metrics    = [accuracy]",
             "epochs     = 200",
             "batch_size = 32",
             "validation = test",
             "callbacks  = [ModelCheckpoint('cifar10_best.keras', monitor='val_accuracy', save_best_only=True)]"]
    write("densenet_bc100", "DenseNet-BC, depth 100, k = 12.", "densenet-cifar10-2.4.1.py", b, header, train, shapes, params)
    results["densenet_bc100"] = (b.params, b.frozen)

    for name, (total, frozen) in results.items():
        print(f"{name}: total {total:,}, non-trainable {frozen:,}")
    if check_keras:
        compare_with_keras(results)


def resnet_v2_params(n):
    """Header lines for a ResNet v2's parameter count."""
    def conv(k, cin, cout):
        return k * k * cin * cout + cout
    lines = [f"n = (depth-2)/9 = {n} bottleneck blocks per stage; Conv2D k*k*in*out+out, BN 4*c.",
             "stem: Conv2D 3*3*3*16+16 = 448, BN 64"]
    cin = 16
    for stage, cout in enumerate([64, 128, 256]):
        mid = cin
        src = cin if stage == 0 else cin  # the block's input channels
        first = (conv(1, src, mid) + (0 if stage == 0 else 4 * src) + 4 * mid + conv(3, mid, mid)
                 + 4 * mid + conv(1, mid, cout) + conv(1, src, cout))
        rest = 4 * cout + conv(1, cout, mid) + 4 * mid + conv(3, mid, mid) + 4 * mid + conv(1, mid, cout)
        first_text = (f"{'' if stage == 0 else f'BN 4*{src} + '}1*1*{src}*{mid}+{mid} + BN 4*{mid} + 3*3*{mid}*{mid}+{mid} + BN 4*{mid}"
                      f" + 1*1*{mid}*{cout}+{cout} + shortcut 1*1*{src}*{cout}+{cout} = {first:_}")
        lines.append(f"stage {stage} first block: {first_text}")
        lines.append(f"         {n - 1} more: {n - 1}*(BN 4*{cout} + 1*1*{cout}*{mid}+{mid} + BN 4*{mid} + 3*3*{mid}*{mid}+{mid}"
                     f" + BN 4*{mid} + 1*1*{mid}*{cout}+{cout}) = {(n - 1) * rest:_}")
        cin = cout
    lines.append("classifier: BN 4*256 = 1_024; Dense 256*10+10 = 2_570")
    return lines


def densenet_params():
    """Header lines for DenseNet-BC's parameter count, with the book's filter bookkeeping."""
    lines = ["stem: BN 4*3 = 12, Conv2D 3*3*3*24+24 = 672",
             "bottleneck layer on c channels: BN 4*c + Conv2D 1*1*c*48+48 + BN 4*48 + Conv2D 3*3*48*12+12",
             "  = 52*c + 5_436; c = c0 + 12*j for j = 0..15: 16*5_436 + 52*(16*c0 + 12*120)",
             "transition filters, as the book counts them (its count starts at 24 and leaves out the 3",
             "  input channels concatenated to the stem): int((24+16*12)*0.5) = 108, int((108+192)*0.5) = 150"]
    c0, f = 27, 24
    for block in range(3):
        s = sum(52 * (c0 + 12 * j) + 5436 for j in range(16))
        lines.append(f"block {block} (c0 = {c0}): 86_976 + 52*(16*{c0} + 1_440) = {s:_}")
        c = c0 + 16 * 12
        if block < 2:
            f = int((f + 16 * 12) * 0.5)
            t = 4 * c + c * f + f
            lines.append(f"transition {block}: BN 4*{c} + Conv2D 1*1*{c}*{f}+{f} = {t:_}")
            c0 = f
    lines.append("Dense 342*10+10 = 3_430")
    return lines


def compare_with_keras(results):
    import keras
    from keras import layers, regularizers
    sys.setrecursionlimit(10000)

    def resnet_layer(inputs, num_filters=16, kernel_size=3, strides=1, activation="relu",
                     batch_normalization=True, conv_first=True):
        conv = layers.Conv2D(num_filters, kernel_size=kernel_size, strides=strides, padding="same",
                             kernel_initializer="he_normal", kernel_regularizer=regularizers.l2(1e-4))
        x = inputs
        if conv_first:
            x = conv(x)
            if batch_normalization:
                x = layers.BatchNormalization()(x)
            if activation is not None:
                x = layers.Activation(activation)(x)
        else:
            if batch_normalization:
                x = layers.BatchNormalization()(x)
            if activation is not None:
                x = layers.Activation(activation)(x)
            x = conv(x)
        return x

    def k_resnet_v1(depth):
        num_filters, blocks = 16, (depth - 2) // 6
        inputs = keras.Input(shape=(32, 32, 3))
        x = resnet_layer(inputs)
        for stack in range(3):
            for res_block in range(blocks):
                strides = 2 if stack > 0 and res_block == 0 else 1
                y = resnet_layer(x, num_filters=num_filters, strides=strides)
                y = resnet_layer(y, num_filters=num_filters, activation=None)
                if stack > 0 and res_block == 0:
                    x = resnet_layer(x, num_filters=num_filters, kernel_size=1, strides=strides,
                                     activation=None, batch_normalization=False)
                x = layers.add([x, y])
                x = layers.Activation("relu")(x)
            num_filters *= 2
        x = layers.AveragePooling2D(pool_size=8)(x)
        y = layers.Flatten()(x)
        outputs = layers.Dense(10, activation="softmax", kernel_initializer="he_normal")(y)
        return keras.Model(inputs, outputs)

    def k_resnet_v2(depth):
        cin, blocks = 16, (depth - 2) // 9
        inputs = keras.Input(shape=(32, 32, 3))
        x = resnet_layer(inputs, num_filters=cin, conv_first=True)
        for stage in range(3):
            for res_block in range(blocks):
                activation, bn, strides = "relu", True, 1
                if stage == 0:
                    cout = cin * 4
                    if res_block == 0:
                        activation, bn = None, False
                else:
                    cout = cin * 2
                    if res_block == 0:
                        strides = 2
                y = resnet_layer(x, num_filters=cin, kernel_size=1, strides=strides, activation=activation,
                                 batch_normalization=bn, conv_first=False)
                y = resnet_layer(y, num_filters=cin, conv_first=False)
                y = resnet_layer(y, num_filters=cout, kernel_size=1, conv_first=False)
                if res_block == 0:
                    x = resnet_layer(x, num_filters=cout, kernel_size=1, strides=strides, activation=None,
                                     batch_normalization=False)
                x = layers.add([x, y])
            cin = cout
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.AveragePooling2D(pool_size=8)(x)
        y = layers.Flatten()(x)
        outputs = layers.Dense(10, activation="softmax", kernel_initializer="he_normal")(y)
        return keras.Model(inputs, outputs)

    def k_densenet():
        growth, blocks, nb = 12, 3, (100 - 4) // 6
        f = 2 * growth
        inputs = keras.Input(shape=(32, 32, 3))
        x = layers.BatchNormalization()(inputs)
        x = layers.Activation("relu")(x)
        x = layers.Conv2D(f, kernel_size=3, padding="same", kernel_initializer="he_normal")(x)
        x = layers.concatenate([inputs, x])
        for i in range(blocks):
            for _ in range(nb):
                y = layers.BatchNormalization()(x)
                y = layers.Activation("relu")(y)
                y = layers.Conv2D(4 * growth, kernel_size=1, padding="same", kernel_initializer="he_normal")(y)
                y = layers.BatchNormalization()(y)
                y = layers.Activation("relu")(y)
                y = layers.Conv2D(growth, kernel_size=3, padding="same", kernel_initializer="he_normal")(y)
                x = layers.concatenate([x, y])
            if i == blocks - 1:
                continue
            f += nb * growth
            f = int(f * 0.5)
            y = layers.BatchNormalization()(x)
            y = layers.Conv2D(f, kernel_size=1, padding="same", kernel_initializer="he_normal")(y)
            x = layers.AveragePooling2D(pool_size=2)(y)  # Keras 3 requires pool_size (Keras 2: 2)
        x = layers.AveragePooling2D(pool_size=8)(x)
        y = layers.Flatten()(x)
        outputs = layers.Dense(10, kernel_initializer="he_normal", activation="softmax")(y)
        return keras.Model(inputs, outputs)

    def count(weights):
        return sum(int(w.numpy().size) for w in weights)

    models = {"resnet20v1": lambda: k_resnet_v1(20), "resnet56v1": lambda: k_resnet_v1(56),
              "resnet20v2": lambda: k_resnet_v2(20), "resnet56v2": lambda: k_resnet_v2(56),
              "densenet_bc100": k_densenet}
    bad = False
    pins = ROOT / "tests/src/test/resources/keras/chapter2"
    pins.mkdir(parents=True, exist_ok=True)
    for name, make in models.items():
        keras.backend.clear_session()  # Keras numbers layer names per session: start each model at conv2d
        m = make()
        rows = [f"# {name}: Keras {keras.__version__}'s layers of the book's builder, written by `models/gen/chapter2.py --keras`",
                "# name\tclass\toutput shape\tparams"]
        for layer in m.layers:
            shape = tuple(layer.output.shape)
            rows.append(f"{layer.name}\t{type(layer).__name__}\t{shape}\t{layer.count_params()}")
        rows.append(f"# total {m.count_params()}, trainable {count(m.trainable_weights)}, non-trainable {count(m.non_trainable_weights)}")
        (pins / f"{name}.tsv").write_text("\n".join(rows) + "\n")
        total, trainable, frozen = m.count_params(), count(m.trainable_weights), count(m.non_trainable_weights)
        ours = results[name]
        ok = total == ours[0] and frozen == ours[1] and trainable == ours[0] - ours[1]
        bad |= not ok
        print(f"keras {keras.__version__} {name}: total {total:,}, trainable {trainable:,}, non-trainable {frozen:,},"
              f" output {tuple(m.output.shape)} {'ok' if ok else 'MISMATCH'}")
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main("--keras" in sys.argv[1:])
