# An LSTM reading each image as one flat vector: there is no sequence axis.
data mnist

model rnn(input=[784]) {
    LSTM(128)    # ~ ERROR DLM0301
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
