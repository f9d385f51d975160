# A constant defined twice.
let units = 256
let dropout = 0.45
let units = 512    # ~ ERROR DLM0102

data mnist

model mlp(input=[784]) {
    Dense(units, activation='relu')
    Dropout(dropout)
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
