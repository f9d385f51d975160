# A bare Sequential layer line inside a functional body.
data mnist

model m {
    x = Input(shape=[784])
    h = Dense(64, activation='relu')(x)
    Dense(10, activation='softmax')  # ~ ERROR DLM1400
}
