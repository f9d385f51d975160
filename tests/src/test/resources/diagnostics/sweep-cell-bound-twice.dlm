# A sweep cell that binds one constant twice, and a cell that binds a grid axis.
let dropout = 0.45
let units = 256

data mnist

model mlp(input=[784]) {
    Dense(units, activation='relu')
    Dropout(dropout)
    Dense(10, activation='softmax')
}

sweep {
    units in [128, 256]
    cell "light" {
        dropout = 0.2
        dropout = 0.3  # ~ ERROR DLM0602
    }

    cell "narrow" {
        units = 64  # ~ ERROR DLM0602
    }
}
