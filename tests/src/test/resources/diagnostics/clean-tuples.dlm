# Non-square kernels and pools, written as tuples.
data mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(32, kernel_size=(3, 5), activation='relu')    # 26 x 24
    MaxPooling2D(pool_size=(1, 2))                       # 26 x 12
    Conv2D(32, (5, 3), strides=(1, 2), activation='relu')  # 22 x 5
    AveragePooling2D((2, 1))                             # 11 x 5
    Flatten()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect max_pooling2d.output == [26, 12, 32]
expect conv2d_1.output == [22, 5, 32]
expect average_pooling2d.output == [11, 5, 32]
