# A few synthetic records in CIFAR-10's binary format, in cifar10-tiny/cifar-10-batches-bin
# (docs/errors/DLM1450.md, DLM1451.md, DLM1452.md; how they were made: cifar10-tiny/README.md).
data cifar10(path="cifar10-tiny", crop_padding=4, horizontal_flip=True)

model small {
    x = Input(shape=[32, 32, 3])
    y = Flatten()(x)
    out = Dense(10, activation='softmax')(y)
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    metrics   = [accuracy]
    seed      = 1
}
