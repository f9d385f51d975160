# An optimizer with arguments, using Keras 2's `lr` alias as the book's code does.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = sgd(lr=0.1, momentum=0.9, nesterov=True)
    metrics   = [acc]
    epochs    = 5
    batch_size = 128
    validation_split = 0.1
    seed      = 42
}
