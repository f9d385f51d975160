# An integer literal of 20 digits does not fit in 64 bits.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    seed      = 12345678901234567890    # ~ ERROR DLM0005
}
