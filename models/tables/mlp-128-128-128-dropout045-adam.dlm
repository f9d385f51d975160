# models/tables/mlp-128-128-128-dropout045-adam.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.3.2
# "Different MLP network configurations and performance measures", row 18:
#     Layers 128-128-128 | Regularizer Dropout(0.45) | Optimizer Adam | ReLU Yes
#     Train accuracy 98.70% | Test accuracy 97.7%
# "Layers" gives the units of hidden layers 1 to 3 (each Dense, then ReLU, then the
# regularizer), followed by the Dense(10) softmax output; see models/README.md.
# Keras default optimizer settings and the book's 20 epochs at batch size 128.
# params: 784*128+128 = 100_480; 128*128+128 = 16_512;
#         128*128+128 = 16_512; 128*10+10 = 1_290; total 134_794

let dropout = 0.45

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model mlp(input=[784]) {  # each 28x28 image is read as 784 values
    Dense(128)
    Activation('relu')
    Dropout(dropout)
    Dense(128)
    Activation('relu')
    Dropout(dropout)
    Dense(128)
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

expect params == 134_794
expect test.accuracy >= 0.96  # book: 97.7%
