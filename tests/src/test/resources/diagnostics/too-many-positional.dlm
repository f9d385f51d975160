# Activation takes one argument; the second one was meant for a Dense layer.
data mnist

model mlp(input=[784]) {
    Dense(256)
    Activation('relu', 256)    # ~ ERROR DLM0106
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
