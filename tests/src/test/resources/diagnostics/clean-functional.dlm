# A functional model with two inputs, a shared layer and a merge checks clean.
data mnist

model siamese {
    a = Input(shape=[784])
    b = Input(shape=[28, 28])
    f = Flatten()(b)
    encode = Dense(64, activation='relu')
    p = encode(a)
    q = encode(f)
    d = Subtract()([p, q])
    out = Dense(10, activation='softmax')(d)
}

train {
    loss = categorical_crossentropy
}
