# A small MLP whose run directory, docs/errors/examples/run-tiny, the error pages resume.
data mnist

model tiny(input=[784]) {
    Dense(32, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    metrics   = [accuracy]
    epochs    = 2
}
