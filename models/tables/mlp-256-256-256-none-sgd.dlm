# models/tables/mlp-256-256-256-none-sgd.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.3.2
# "Different MLP network configurations and performance measures", row 4:
#     Layers 256-256-256 | Regularizer None | Optimizer SGD | ReLU Yes
#     Train accuracy 99.93% | Test accuracy 98.0%
# "Layers" gives the units of hidden layers 1 to 3 (each Dense, then ReLU, then the
# regularizer), followed by the Dense(10) softmax output; see models/README.md.
# Keras default optimizer settings and the book's 20 epochs at batch size 128.
# Regularizer "None": no Dropout layers and no weight penalty.
# params: 784*256+256 = 200_960; 256*256+256 = 65_792;
#         256*256+256 = 65_792; 256*10+10 = 2_570; total 335_114

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model mlp(input=[784]) {  # each 28x28 image is read as 784 values
    Dense(256)
    Activation('relu')
    Dense(256)
    Activation('relu')
    Dense(256)
    Activation('relu')
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

expect params == 335_114
expect test.accuracy >= 0.97  # book: 98.0%
