# A misspelt loss.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropi    # ~ ERROR DLM0108
    optimizer = adam
}
