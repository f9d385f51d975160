# A negative dropout rate, here in a recurrent layer's dropout.
data mnist

model rnn(input=[28, 28]) {
    SimpleRNN(256, dropout=-0.1)    # ~ ERROR DLM0202
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = sgd }
