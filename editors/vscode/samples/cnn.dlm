data mnist
model cnn(input=[28, 28, 1]) {
    Conv2D(filters=64, kernel_size=3, activation='relu')
    MaxPooling2D(2)
    Conv2D(filters=64, kernel_size=(3, 3), activation=relu, padding='same')
    Flatten()
    Dropout(0.2)
    Dense(10, kernel_regularizer=l2(0.001))
    Activation('softmax')
}
train { loss = categorical_crossentropy; optimizer = sgd(learning_rate=0.01, momentum=0.9, nesterov=True); metrics = [accuracy]
        epochs = 10; batch_size = 128 }
expect params == 80_266
