# cifar10-archive holds an archive named as the official one, with other content (docs/errors/DLM1451.md).
data cifar10(path="cifar10-archive")

model small {
    x = Input(shape=[32, 32, 3])
    y = Flatten()(x)
    out = Dense(10, activation='softmax')(y)
}

train { loss = categorical_crossentropy; optimizer = adam }
