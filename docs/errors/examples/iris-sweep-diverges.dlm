# iris.dlm with a sweep whose second cell's learning rate makes the loss overflow
# (docs/errors/DLM1501.md).
data csv("iris.csv", label="species", shape=[4], classes=3)

model iris {
    Dense(8, activation=relu)
    Dense(3, activation=softmax)
}

train {
    loss       = categorical_crossentropy
    optimizer  = sgd(learning_rate=0.1)
    metrics    = [accuracy]
    epochs     = 20
    batch_size = 8
}

sweep {
    cell "steady" {
        optimizer = sgd(learning_rate=0.1)
    }

    cell "too fast" {
        optimizer = sgd(learning_rate=1e38)
    }
}
