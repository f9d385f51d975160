# ReduceLROnPlateau cannot reduce a rate that a schedule sets (Keras refuses the pair too).
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = adam(learning_rate=CosineDecay(0.001, 1000))
    callbacks = [ReduceLROnPlateau(monitor='loss')]    # ~ ERROR DLM0410
}
