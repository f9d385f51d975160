# Every output reads the same labels: one label column per output is not supported yet.
data csv("houses.csv", label=["price", "rent"])    # ~ ERROR DLM1408

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
