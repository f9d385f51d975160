# A pooling window larger than the feature map it pools.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(32, 5, strides=4, activation='relu')    # 6 x 6
    MaxPooling2D(pool_size=8)    # ~ ERROR DLM0302
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
