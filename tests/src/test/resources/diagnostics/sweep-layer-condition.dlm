# A layer condition that is a number, and one that names no constant.
let dropout = 0.45

data mnist

model mlp(input=[784]) {
    Dense(256)
    Activation('relu') if relu  # ~ ERROR DLM0605
    Dropout(dropout) if dropout  # ~ ERROR DLM0605
    Dense(10, activation='softmax')
}
