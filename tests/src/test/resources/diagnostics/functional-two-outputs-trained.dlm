# Two outputs, one loss list too short: each output needs an entry, in the outputs' order.
data mnist

model m(outputs=[a, b]) {
    x = Input(shape=[784])
    a = Dense(10, activation='softmax')(x)
    b = Dense(10, activation='softmax')(x)
}

train {
    loss = [categorical_crossentropy]    # ~ ERROR DLM1483
}
