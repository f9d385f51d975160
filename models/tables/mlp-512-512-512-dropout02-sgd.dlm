# models/tables/mlp-512-512-512-dropout02-sgd.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.3.2
# "Different MLP network configurations and performance measures", row 10:
#     Layers 512-512-512 | Regularizer Dropout(0.2) | Optimizer SGD | ReLU Yes
#     Train accuracy 99.45% | Test accuracy 98.3%
# "Layers" gives the units of hidden layers 1 to 3 (each Dense, then ReLU, then the
# regularizer), followed by the Dense(10) softmax output; see models/README.md.
# Keras default optimizer settings and the book's 20 epochs at batch size 128.
# params: 784*512+512 = 401_920; 512*512+512 = 262_656;
#         512*512+512 = 262_656; 512*10+10 = 5_130; total 932_362

let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model mlp(input=[784]) {  # each 28x28 image is read as 784 values
    Dense(512)
    Activation('relu')
    Dropout(dropout)
    Dense(512)
    Activation('relu')
    Dropout(dropout)
    Dense(512)
    Activation('relu')
    Dropout(dropout)
    Dense(10)
    Activation('softmax')
}

train {
    loss       = categorical_crossentropy
    optimizer  = sgd
    metrics    = [accuracy]
    epochs     = 20
    batch_size = 128
}

expect params == 932_362
expect test.accuracy >= 0.97  # book: 98.3%
