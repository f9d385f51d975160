# binary_crossentropy on a 10-way softmax: trains, but scores the wrong thing.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10)
    Activation('softmax')    # ~ WARNING DLM0401
}

train { loss = binary_crossentropy; optimizer = adam }
