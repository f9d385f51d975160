# Arithmetic whose result does not fit in 64 bits.
let width = 2 ** 40
let weights = width * width * width    # ~ ERROR DLM0204

data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
