# models/mlp.dlm — Listing 1.3.2
let hidden_units = 256
let dropout = 0.45
data mnist
model mlp(input=[784]) {
    Dense(hidden_units)
    Activation('relu')
    Dropout(dropout)
    Dense(hidden_units)
    Activation('relu')
    Dropout(dropout)
    Dense(10)
    Activation('softmax')
}
train {
    loss       = categorical_crossentropy
    optimizer  = adam
    metrics    = [accuracy]
    epochs     = 20
    batch_size = 128
}
expect params == 269_322
