# A misspelt Keras callback.
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train {
    loss             = categorical_crossentropy
    validation_split = 0.1
    callbacks        = [EarlyStoping(patience=3)]    # ~ ERROR DLM0120
}
