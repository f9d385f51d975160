# A model input with an axis of size 0.
data mnist

model cnn(input=[28, 28, 0]) {    # ~ ERROR DLM0205
    Conv2D(32, 3, activation='relu')
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
