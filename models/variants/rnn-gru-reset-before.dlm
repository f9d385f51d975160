# models/variants/rnn-gru-reset-before.dlm
# Variant of Listing 1.5.1 (models/rnn.dlm) from Advanced Deep Learning with Keras
# (R. Atienza, Packt, 1st ed. 2018) with a GRU in its original form (reset_after=False,
# the Keras 2.2 default the book was written with): one bias vector per gate.
# Not one of the book's tables, so no accuracy is expected.
# params: GRU 3*256*(28+256+1) = 218_880; Dense 256*10+10 = 2_570; total 221_450

let units = 256
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model gru(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    GRU(units=units, dropout=dropout, reset_after=False)
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

expect params == 221_450
