# models/mlp.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Listing 1.3.2,
# mlp-mnist-1.3.2.py: a 3-layer MLP (two hidden Dense(256) layers, each followed by ReLU
# and Dropout(0.45), then a Dense(10) softmax output) classifies MNIST digits.
# The book's code reports 98.3% test accuracy after 20 epochs (Listing 1.3.2 docstring).
# params: Dense 784*256+256 = 200_960; Dense 256*256+256 = 65_792;
#         Dense 256*10+10 = 2_570; total 269_322 (the book's model.summary())

let hidden_units = 256
let dropout = 0.45

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model mlp(input=[784]) {  # each 28x28 image is read as 784 values
    Dense(hidden_units)
    Activation('relu')
    Dropout(dropout)
    Dense(hidden_units)
    Activation('relu')
    Dropout(dropout)
    Dense(10)  # this is the output for the one-hot vector
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
expect test.accuracy >= 0.98  # book: 98.3%
