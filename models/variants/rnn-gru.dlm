# models/variants/rnn-gru.dlm
# Variant of Listing 1.5.1 (models/rnn.dlm) from Advanced Deep Learning with Keras
# (R. Atienza, Packt, 1st ed. 2018): the chapter names GRU() as a drop-in replacement
# for SimpleRNN(). Keras's default reset_after=True keeps two bias vectors per gate.
# Not one of the book's tables, so no accuracy is expected.
# params: GRU 3*256*(28+256+2) = 219_648 (three gates, each kernel 28*256, recurrent
#         kernel 256*256, input and recurrent bias 2*256); Dense 256*10+10 = 2_570;
#         total 222_218

let units = 256
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model gru(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    GRU(units=units, dropout=dropout)
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

expect params == 222_218
