# A SimpleRNN over samples with a channels axis: it reads (timesteps, features) only.
data mnist

model rnn(input=[28, 28, 1]) {
    SimpleRNN(256)    # ~ ERROR DLM0301
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = sgd }
