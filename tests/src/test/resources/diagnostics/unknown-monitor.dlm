# EarlyStopping monitors val_accuracy, but the run does not validate.
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    metrics   = [accuracy]
    callbacks = [EarlyStopping(monitor='val_accuracy')]    # ~ ERROR DLM0121
}
