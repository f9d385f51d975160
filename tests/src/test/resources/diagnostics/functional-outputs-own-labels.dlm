# Each output its own labels, as Keras's fit(x, [y1, y2]): a list needs one entry per output.
data csv("houses.csv", label=["price", "rent", "tax"])    # ~ ERROR DLM1408

model houses(outputs=[price, rent]) {
    x = Input(shape=[8])
    h = Dense(32, activation='relu')(x)
    price = Dense(1)(h)
    rent = Dense(1)(h)
}

train {
    loss = mse
    optimizer = adam
}
