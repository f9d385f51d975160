# Conv2D needs a kernel size; Dense needs a width.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(filters=64, activation='relu')    # ~ ERROR DLM0105
    Flatten()
    Dense(activation='softmax')    # ~ ERROR DLM0105
}

train { loss = categorical_crossentropy; optimizer = adam }
