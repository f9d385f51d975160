# The data file this names does not exist (docs/errors/DLM0701.md).
data csv("docs/errors/examples/flowers.csv", label="species", shape=[4], classes=3)

model iris {
    Dense(8, activation=relu)
    Dense(3, activation=softmax)
}

train {
    loss       = categorical_crossentropy
    optimizer  = sgd(learning_rate=0.1)
    epochs     = 60
    batch_size = 8
}
