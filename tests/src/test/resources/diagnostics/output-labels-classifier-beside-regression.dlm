# A classifier head beside a one-unit regression head, each on its own column: checks clean,
# but a class metric on the regression head is warned about.
data csv("shop.csv", label=dict(kind="species", price="price"), classes=3)

model shop(outputs=[kind, price]) {
    x = Input(shape=[4])
    h = Dense(16, activation='relu')(x)
    kind = Dense(3, activation='softmax', name='kind')(h)
    price = Dense(1, name='price')(h)
}

train {
    loss = dict(kind=sparse_categorical_crossentropy, price=mse)
    metrics = dict(kind=[accuracy], price=[mae, accuracy])    # ~ WARNING DLM1432
}
