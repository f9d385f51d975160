# A misspelt optimizer.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = rmsporp    # ~ ERROR DLM0109
}
