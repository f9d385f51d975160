# An Input item first, as in a Keras Sequential model.
data mnist

model rnn {
    Input(shape=(28, 28))
    SimpleRNN(units=128, dropout=0.2)
    Dense(10)
    Activation('softmax')
}

train { loss = categorical_crossentropy; optimizer = sgd }

expect simple_rnn.params == 128 * (28 + 128 + 1)
expect output == [10]
