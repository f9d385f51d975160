# data_batch_2.bin of cifar10-bad is truncated (docs/errors/DLM1452.md).
data cifar10(path="cifar10-bad")

model small {
    x = Input(shape=[32, 32, 3])
    y = Flatten()(x)
    out = Dense(10, activation='softmax')(y)
}

train { loss = categorical_crossentropy; optimizer = adam }
