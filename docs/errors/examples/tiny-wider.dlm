# tiny.dlm with a wider hidden layer: not the model of run-tiny.
data mnist

model tiny(input=[784]) {
    Dense(64, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    metrics   = [accuracy]
    epochs    = 2
}
