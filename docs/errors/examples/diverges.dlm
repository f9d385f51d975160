# A learning rate so large that the loss overflows (docs/errors/DLM0801.md).
data csv("docs/errors/examples/iris.csv", label="species", shape=[4], classes=3)

model iris {
    Dense(8, activation=relu)
    Dense(3, activation=softmax)
}

train {
    loss       = categorical_crossentropy
    optimizer  = sgd(learning_rate=1e38)
    epochs     = 60
    batch_size = 8
}
