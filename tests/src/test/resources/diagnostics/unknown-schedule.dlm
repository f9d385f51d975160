# A misspelt learning-rate schedule.
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = sgd(learning_rate=ExponentialDecy(0.1, 1000, 0.96))    # ~ ERROR DLM0122
}
