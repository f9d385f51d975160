# Expectations on things dlm does not know: `parameters` and `dense.weights`.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect parameters == 203_530    # ~ ERROR DLM0502
expect dense.weights == 200_960    # ~ ERROR DLM0502
