# A convolutional model without Flatten: the output is a feature map, not 10 scores.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(64, 3, activation='relu')
    MaxPooling2D(2)
    Dense(10)
    Activation('softmax')    # ~ ERROR DLM0306
}

train { loss = categorical_crossentropy; optimizer = adam }
