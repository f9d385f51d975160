# merge_mode=None keeps the two directions apart: two outputs.
data mnist

model birnn(input=[28, 28]) {
    Bidirectional(LSTM(64), merge_mode=None)    # ~ ERROR DLM0203
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
