# Keras rejects strides > 1 together with dilation_rate > 1.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(32, 3, strides=2, dilation_rate=2, activation='relu')    # ~ ERROR DLM0203
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
