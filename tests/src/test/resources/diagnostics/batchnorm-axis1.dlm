# BatchNormalization over the height axis (axis=1, as written for channels-first data).
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(32, 3)
    BatchNormalization(axis=1)    # ~ ERROR DLM0203
    Activation('relu')
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
