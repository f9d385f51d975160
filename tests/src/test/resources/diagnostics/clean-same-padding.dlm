# padding='same' with strides: the output is ceil(input / stride).
data fashion_mnist

model cnn(input=[28, 28, 1]) {
    Conv2D(32, 3, strides=2, padding='same', activation='relu')    # 14 x 14
    Conv2D(64, 3, strides=(2, 2), padding='SAME', activation='relu')  # 7 x 7
    MaxPooling2D(2, padding='same')                                # 4 x 4
    GlobalAveragePooling2D()
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect conv2d.output == [14, 14, 32]
expect conv2d_1.output == [7, 7, 64]
expect max_pooling2d.output == [4, 4, 64]
