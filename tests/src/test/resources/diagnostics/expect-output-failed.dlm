# An expectation on one layer's output shape that the model does not meet.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(128, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect dense.output == [256]
expect dense_1.output == [256]    # ~ ERROR DLM0501
