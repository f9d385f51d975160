# A small classifier of iris.csv (30 made-up iris measurements), which the pages of
# docs/errors run from the repository root: the data path is read from there.
data csv("docs/errors/examples/iris.csv", label="species", shape=[4], classes=3)

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
