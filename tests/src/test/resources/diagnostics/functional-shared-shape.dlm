# A shared layer applied to tensors of two shapes: one set of weights cannot fit both.
data mnist

model m {
    x = Input(shape=[784])
    h = Dense(32)(x)
    shared = Dense(10, activation='softmax')
    p = shared(x)
    q = shared(h)  # ~ ERROR DLM1405
    out = Average()([p, q])
}
