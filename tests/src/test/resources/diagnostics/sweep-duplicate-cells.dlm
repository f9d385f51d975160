# Two cells with one label, and two cells that bind the same values.
let dropout = 0.45

data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropout(dropout)
    Dense(10, activation='softmax')
}

sweep {
    cell "light" {
        dropout = 0.2
    }

    cell "light" {  # ~ ERROR DLM0607
        dropout = 0.3
    }

    cell "lighter" {  # ~ WARNING DLM0607
        dropout = 0.3
    }
}
