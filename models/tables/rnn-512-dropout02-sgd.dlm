# models/tables/rnn-512-dropout02-sgd.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.5.1
# "Different SimpleRNN network configurations and performance measures", row 4:
#     Layers 512 | Optimizer SGD | Regularizer Dropout(0.2)
#     Train accuracy 97.88% | Test accuracy 98.30%
# "Layers" gives the units of the SimpleRNN of Listing 1.5.1, whose dropout=0.2 is the
# regularizer; the 20 epochs at batch size 128 are the listing's.
# params: SimpleRNN 512*(28+512+1) = 276_992; Dense 512*10+10 = 5_130; total 282_122

let units = 512
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model rnn(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    SimpleRNN(units=units, dropout=dropout)
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

expect params == 282_122
expect test.accuracy >= 0.97  # book: 98.30%
