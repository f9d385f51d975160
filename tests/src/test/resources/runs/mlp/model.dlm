# Imported by dlmc import from a Keras 3.15.1 Sequential model.

model sequential(input=[120]) {
    Dense(16, activation='relu')
    Dropout(0.3)
    Dense(8, kernel_regularizer=l2(0.001))
    Activation('tanh')
    Dense(10, activation='softmax')
}
