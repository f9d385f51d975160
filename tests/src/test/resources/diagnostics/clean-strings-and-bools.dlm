# Strings may be bare, single- or double-quoted; booleans as in Python or lower-case.
data mnist

model rnn(input=[28, 28]) {
    LSTM(64, activation=tanh, recurrent_activation="sigmoid", return_sequences=True, use_bias=true)
    GRU(64, reset_after=False)
    Dense(10, activation='softmax')
}

train {
    loss      = 'categorical_crossentropy'
    optimizer = "rmsprop"
    metrics   = ['accuracy']
    shuffle   = False
}
