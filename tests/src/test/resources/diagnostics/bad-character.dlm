# Characters that are not part of dlm: a `$` sigil and a `:` for a keyword argument.
let $units = 256    # ~ ERROR DLM0002

data mnist

model mlp(input=[784]) {
    Dense(units, activation='relu')
    Dense(10, activation: 'softmax')    # ~ ERROR DLM0002
}

train { loss = categorical_crossentropy; optimizer = adam }
