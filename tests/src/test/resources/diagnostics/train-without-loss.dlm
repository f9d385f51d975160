# A train block that does not say what to minimize.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {    # ~ ERROR DLM0114
    optimizer = adam
    epochs    = 20
}
