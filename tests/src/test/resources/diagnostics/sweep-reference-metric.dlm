# References to a metric no run measures, and to an accuracy written as a percentage.
let dropout = 0.45

data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropout(dropout)
    Dense(10, activation='softmax')
}

sweep {
    cell "row 6" {
        dropout = 0.45
        reference train.acuracy = 0.9807  # ~ ERROR DLM0603
        reference test.accuracy = 98.1    # ~ ERROR DLM0604
    }
}
