# Bidirectional runs a recurrent layer both ways; a Dense layer has no direction.
data mnist

model birnn(input=[28, 28]) {
    Bidirectional(Dense(64))    # ~ ERROR DLM0307
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
