# A sweep with nothing in it.
let dropout = 0.45

data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropout(dropout)
    Dense(10, activation='softmax')
}

sweep {  # ~ ERROR DLM0606
}
