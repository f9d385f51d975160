# Two keyword arguments without a comma between them.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(filters=64 kernel_size=3, activation='relu')    # ~ ERROR DLM0001
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
