# A layer call whose closing parenthesis was forgotten.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu'
    Dense(10, activation='softmax')    # ~ ERROR DLM0001
}

train { loss = categorical_crossentropy; optimizer = adam }
