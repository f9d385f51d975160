# Several label columns are real-valued targets: a class-label loss cannot train them.
data csv("shop.csv", label=["species", ["price", "rent"]])    # ~ ERROR DLM1485

model shop(outputs=[kind, cost]) {
    x = Input(shape=[4])
    h = Dense(16, activation='relu')(x)
    kind = Dense(3, activation='softmax')(h)
    cost = Dense(2, activation='softmax')(h)
}

train {
    loss = categorical_crossentropy
}
