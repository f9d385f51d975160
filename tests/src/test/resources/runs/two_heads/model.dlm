# A small functional model for predict's tests and error pages: two inputs of different
# shapes (so each needs its own files: --input left=... --input right=...) and two outputs,
# one classifying (softmax over 3 classes), one regressing (mse). Seeded random weights.
# params: Dense 4*5+5 = 25; Concatenate 5+6 = 11; Dense 11*3+3 = 36; Dense 11*1+1 = 12; total 73

model two_heads(outputs=[digit, size]) {
    a = Input(shape=[4], name='left')
    b = Input(shape=[2, 3], name='right')
    x = Dense(5, activation='relu')(a)
    y = Flatten()(b)
    z = Concatenate()([x, y])
    digit = Dense(3, activation='softmax', name='digit')(z)
    size = Dense(1, name='size')(z)
}

train {
    loss = dict(digit=categorical_crossentropy, size=mse)
}

expect params == 73
