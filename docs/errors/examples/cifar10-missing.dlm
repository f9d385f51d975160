# CIFAR-10 is not in the folder this names (docs/errors/DLM1450.md).
data cifar10(path="no-cifar10")

model small {
    x = Input(shape=[32, 32, 3])
    y = Flatten()(x)
    out = Dense(10, activation='softmax')(y)
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    metrics   = [accuracy]
}
