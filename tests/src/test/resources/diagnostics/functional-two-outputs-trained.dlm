# Two outputs can be checked and summarised, not trained.
data mnist

model m(outputs=[a, b]) {
    x = Input(shape=[784])
    a = Dense(10, activation='softmax')(x)
    b = Dense(10, activation='softmax')(x)
}

train {  # ~ ERROR DLM1408
    loss = categorical_crossentropy
}
