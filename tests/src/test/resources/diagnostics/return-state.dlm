# return_state=True gives a recurrent layer three outputs; a sequential model passes on one.
data mnist

model rnn(input=[28, 28]) {
    LSTM(128, return_state=True)    # ~ ERROR DLM0203
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
