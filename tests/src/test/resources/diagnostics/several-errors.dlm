# Several independent mistakes: every one is reported in one run.
let hidden_units = 256

data mnist

model mlp(input=[784]) {
    Dense(hidden_unit, activation='relu')    # ~ ERROR DLM0101
    Dropout(1.45)    # ~ ERROR DLM0202
    Dense(10, activaton='softmax')    # ~ ERROR DLM0104
}

train {
    loss       = categorical_crossentropy
    optimizer  = sgdm    # ~ ERROR DLM0109
    metrics    = [accuracy]
    epochs     = 20
    batchsize  = 128    # ~ ERROR DLM0111
}
