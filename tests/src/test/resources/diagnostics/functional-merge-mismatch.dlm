# Two branches of different widths added: both operands are labelled where they were defined.
data mnist

model m {
    x = Input(shape=[784])
    a = Dense(64, activation='relu')(x)
    b = Dense(32, activation='relu')(x)
    s = Add()([a, b])  # ~ ERROR DLM1403
    out = Dense(10, activation='softmax')(s)
}
