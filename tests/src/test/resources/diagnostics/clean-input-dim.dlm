# Keras's first-layer form: the input is declared by the first Dense layer.
data mnist

model mlp {
    Dense(256, input_dim=784, activation='relu')
    Dropout(0.45)
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect params == 203_530
expect input == [784]
