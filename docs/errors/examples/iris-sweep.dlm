# iris.dlm with a sweep over the learning rate (docs/errors/DLM1500.md, DLM1502.md).
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
    optimizer in [sgd(learning_rate=0.1), sgd(learning_rate=0.05)]
}
