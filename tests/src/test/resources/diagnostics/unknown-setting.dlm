# Keras's fit() argument is `epochs`, not `epoch`.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss       = categorical_crossentropy
    optimizer  = adam
    epoch      = 20    # ~ ERROR DLM0111
    batch_size = 128
}
