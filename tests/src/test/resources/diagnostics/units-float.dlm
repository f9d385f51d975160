# Integers written as floats: a layer width and the number of epochs.
data mnist

model mlp(input=[784]) {
    Dense(256.0, activation='relu')    # ~ ERROR DLM0201
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    epochs    = 2.5    # ~ ERROR DLM0201
}
