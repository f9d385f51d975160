# Two train blocks, and one setting given twice.
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam
    epochs    = 10
    epochs    = 20    # ~ ERROR DLM0102
}

train { loss = categorical_crossentropy; optimizer = sgd }    # ~ ERROR DLM0102
