# validation_split = 1.0 would leave no training data.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss             = categorical_crossentropy
    optimizer        = adam
    validation_split = 1.0    # ~ ERROR DLM0202
}
