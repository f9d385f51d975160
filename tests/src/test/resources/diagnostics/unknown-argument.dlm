# A misspelt keyword argument.
data mnist

model mlp(input=[784]) {
    Dense(256, activaton='relu')    # ~ ERROR DLM0104
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
