# A two-class problem written with one output unit and categorical cross-entropy: nothing trains.
data csv("spam.csv", label="spam")

model spam(input=[57]) {
    Dense(16, activation='relu')
    Dense(1, activation='softmax')    # ~ ERROR DLM1431
}

train { loss = sparse_categorical_crossentropy; optimizer = adam }
