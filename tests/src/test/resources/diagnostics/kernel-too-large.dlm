# Too many convolutions and poolings: the last kernel no longer fits the feature map.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(64, 3, activation='relu')    # 26 x 26
    MaxPooling2D(2)                     # 13 x 13
    Conv2D(64, 3, activation='relu')    # 11 x 11
    MaxPooling2D(2)                     # 5 x 5
    Conv2D(64, 3, activation='relu')    # 3 x 3
    MaxPooling2D(2)                     # 1 x 1
    Conv2D(64, 3, activation='relu')    # ~ ERROR DLM0302
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
