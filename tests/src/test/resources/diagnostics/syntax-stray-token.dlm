# One closing parenthesis too many after a layer call.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu'))    # ~ ERROR DLM0001
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
