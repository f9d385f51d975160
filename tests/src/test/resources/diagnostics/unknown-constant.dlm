# A constant used under a misspelt name.
let hidden_units = 256

data mnist

model mlp(input=[784]) {
    Dense(hiden_units, activation='relu')    # ~ ERROR DLM0101
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
