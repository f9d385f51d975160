# 785 values cannot be read from a 28 x 28 image.
data mnist

model mlp(input=[785]) {    # ~ ERROR DLM0304
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
