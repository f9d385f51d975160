# Two ways of choosing validation data at once.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss             = categorical_crossentropy
    optimizer        = adam
    validation_split = 0.1
    validation       = test    # ~ ERROR DLM0402
}
