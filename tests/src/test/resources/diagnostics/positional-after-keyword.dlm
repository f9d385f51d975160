# A positional argument after a keyword one (Python rejects it too).
data mnist

model mlp(input=[784]) {
    Dense(units=256, 'relu')    # ~ ERROR DLM0106
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
