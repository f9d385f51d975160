# A convolution over images read as flat vectors of 784 values.
data mnist

model cnn(input=[784]) {
    Conv2D(64, 3, activation='relu')    # ~ ERROR DLM0301
    MaxPooling2D(2)
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
