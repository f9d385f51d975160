# Keras names outputs after their layers: `digit` is a tensor, its output is `dense_1`.
data mnist

model m(outputs=[digit, parity]) {
    x = Input(shape=[784])
    h = Dense(32, activation='relu')(x)
    digit = Dense(10, activation='softmax')(h)
    parity = Dense(10, activation='softmax', name='parity')(h)
}

train {
    loss = dict(digit=categorical_crossentropy, parity=mse)    # ~ ERROR DLM1483
    metrics = [[accuracy], [mae]]
}
