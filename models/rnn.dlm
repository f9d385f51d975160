# models/rnn.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Listing 1.5.1,
# rnn-mnist-1.5.1.py: each image is a sequence of 28 rows (timesteps) of 28 pixels, read
# by a SimpleRNN(256, dropout=0.2) whose last output feeds a Dense(10) softmax.
# The book reports 98.0% test accuracy after 20 epochs (Table 1.5.1, SGD, Dropout(0.2)).
# params: SimpleRNN 256*(28+256+1) = 72_960 (bias 256, recurrent kernel 256*256,
#         kernel 256*28); Dense 256*10+10 = 2_570; total 75_530 (the book's model.summary())

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
    optimizer  = sgd
    metrics    = [accuracy]
    epochs     = 20
    batch_size = 128
}

expect params == 75_530
expect test.accuracy >= 0.97  # book: 98.0%
