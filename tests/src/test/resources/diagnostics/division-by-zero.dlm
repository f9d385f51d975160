# A constant computed from another that is zero.
let hidden = 256
let heads = 0
let per_head = hidden / heads    # ~ ERROR DLM0204

data mnist

model mlp(input=[784]) {
    Dense(hidden, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
