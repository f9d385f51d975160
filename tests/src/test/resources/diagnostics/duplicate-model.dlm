# Two models in one file.
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

model cnn(input=[28, 28, 1]) {    # ~ ERROR DLM0102
    Conv2D(32, 3, activation='relu')
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
