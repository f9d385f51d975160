# An expectation must compare something with a value.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect params    # ~ ERROR DLM0503
expect test.accuracy >= high    # ~ ERROR DLM0503
