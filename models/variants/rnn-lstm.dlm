# models/variants/rnn-lstm.dlm
# Variant of Listing 1.5.1 (models/rnn.dlm) from Advanced Deep Learning with Keras
# (R. Atienza, Packt, 1st ed. 2018): the chapter names LSTM() as a drop-in replacement
# for SimpleRNN(). Not one of the book's tables, so no accuracy is expected.
# params: LSTM 4*256*(28+256+1) = 291_840 (four gates, each kernel 28*256, recurrent
#         kernel 256*256, bias 256); Dense 256*10+10 = 2_570; total 294_410

let units = 256
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model lstm(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    LSTM(units=units, dropout=dropout)
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

expect params == 294_410
