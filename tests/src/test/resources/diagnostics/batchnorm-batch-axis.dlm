# BatchNormalization over the batch axis (axis=0): Keras counts the batch axis, so the
# sample's axes are 1..3 here (axis=1 would be the height, as written for channels-first data).
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(32, 3)
    BatchNormalization(axis=0)    # ~ ERROR DLM0202
    Activation('relu')
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
