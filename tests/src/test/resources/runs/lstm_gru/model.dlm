# Imported by dlmc import from a Keras 3.15.1 Sequential model.

model sequential_3(input=[12, 10]) {
    LSTM(8, return_sequences=True)
    GRU(6)
    Dense(10, activation='softmax')
}
