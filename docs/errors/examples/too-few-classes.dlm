# Declares 2 classes for data with 3 (docs/errors/DLM0703.md).
data csv("docs/errors/examples/iris.csv", label="species", shape=[4], classes=2)

model iris {
    Dense(8, activation=relu)
    Dense(2, activation=softmax)
}

train {
    loss       = categorical_crossentropy
    optimizer  = sgd(learning_rate=0.1)
    epochs     = 60
    batch_size = 8
}
