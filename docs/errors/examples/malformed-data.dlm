# Its data file has a cell that is not a number (docs/errors/DLM0702.md).
data csv("docs/errors/examples/iris-malformed.csv", label="species", shape=[4], classes=3)

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
