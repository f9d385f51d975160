# Labels by output name: Keras names an output after its layer, not after the tensor.
data csv("shop.csv", label=dict(kind="species", p="price"))    # ~ ERROR DLM1408

model shop(outputs=[kind, p]) {
    x = Input(shape=[4])
    h = Dense(16, activation='relu')(x)
    kind = Dense(3, activation='softmax', name='kind')(h)
    p = Dense(1)(h)
}

train {
    loss = dict(kind=sparse_categorical_crossentropy, dense_1=mse)
}
