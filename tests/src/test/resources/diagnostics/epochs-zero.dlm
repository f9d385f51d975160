# Zero epochs would train nothing.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    epochs    = 0    # ~ ERROR DLM0202
}
