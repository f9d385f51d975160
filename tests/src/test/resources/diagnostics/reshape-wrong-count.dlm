# A Reshape whose target does not hold the 784 values of its input.
data mnist

model rnn(input=[784]) {
    Reshape((28, 27))    # ~ ERROR DLM0305
    SimpleRNN(128)
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = sgd }
