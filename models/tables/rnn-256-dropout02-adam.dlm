# models/tables/rnn-256-dropout02-adam.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.5.1
# "Different SimpleRNN network configurations and performance measures", row 3:
#     Layers 256 | Optimizer Adam | Regularizer Dropout(0.2)
#     Train accuracy 96.79% | Test accuracy 97.40%
# "Layers" gives the units of the SimpleRNN of Listing 1.5.1, whose dropout=0.2 is the
# regularizer; the 20 epochs at batch size 128 are the listing's.
# params: SimpleRNN 256*(28+256+1) = 72_960; Dense 256*10+10 = 2_570; total 75_530

let units = 256
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model rnn(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    SimpleRNN(units=units, dropout=dropout)
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

expect params == 75_530
expect test.accuracy >= 0.96  # book: 97.40%
