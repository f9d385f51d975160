# The output layer is wider than MNIST's 10 classes.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(12)    # ~ ERROR DLM0303
    Activation('softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
