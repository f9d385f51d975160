# A cell's value checked where the constant is used: a rate of 1.5 for Dropout, an
# optimizer that does not exist.
let rate = 0.45

data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropout(rate)  # ~ ERROR DLM0202
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
}

sweep {
    cell "too much" {
        rate = 1.5
    }

    cell "typo" {
        optimizer = adamm  # ~ ERROR DLM0109
    }
}
