# A Dense layer on the flattened output of a same-padded convolution: 28*28*512 inputs
# times 8192 units is more weights than one tensor can hold.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(512, 3, padding='same', activation='relu')
    Flatten()
    Dense(8192, activation='relu')    # ~ ERROR DLM0308
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
