# An output's target columns need one output unit each.
data csv("shop.csv", label=dict(kind="species", cost=["price", "rent"]))

model shop(outputs=[kind, cost]) {
    x = Input(shape=[4])
    h = Dense(16, activation='relu')(x)
    kind = Dense(3, activation='softmax', name='kind')(h)
    cost = Dense(1, name='cost')(h)    # ~ ERROR DLM1484
}

train {
    loss = dict(kind=sparse_categorical_crossentropy, cost=mse)
}
