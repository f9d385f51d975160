# models/tables/mlp-256-256-256-dropout055-adam.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.3.2
# "Different MLP network configurations and performance measures", row 15:
#     Layers 256-256-256 | Regularizer Dropout(0.55) | Optimizer Adam | ReLU Yes
#     Train accuracy 99.02% | Test accuracy 98.3%
# "Layers" gives the units of hidden layers 1 to 3 (each Dense, then ReLU, then the
# regularizer), followed by the Dense(10) softmax output; see models/README.md.
# Keras default optimizer settings and the book's 20 epochs at batch size 128.
# params: 784*256+256 = 200_960; 256*256+256 = 65_792;
#         256*256+256 = 65_792; 256*10+10 = 2_570; total 335_114

let dropout = 0.55

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model mlp(input=[784]) {  # each 28x28 image is read as 784 values
    Dense(256)
    Activation('relu')
    Dropout(dropout)
    Dense(256)
    Activation('relu')
    Dropout(dropout)
    Dense(256)
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

expect params == 335_114
expect test.accuracy >= 0.97  # book: 98.3%
