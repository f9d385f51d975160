# A functional model declares its inputs with Input, not in its header.
data mnist

model m(input=[784]) {  # ~ ERROR DLM1407
    x = Input(shape=[784])
    out = Dense(10, activation='softmax')(x)
}
