# models/variants/rnn-stacked.dlm
# Variant of Listing 1.5.1 (models/rnn.dlm) from Advanced Deep Learning with Keras
# (R. Atienza, Packt, 1st ed. 2018): the chapter's other way to add capacity, stacking
# RNN layers. The first SimpleRNN returns its whole sequence (28 x 128) so the second
# can read it; the second returns only its last output.
# Not one of the book's tables, so no accuracy is expected.
# params: SimpleRNN 128*(28+128+1) = 20_096; SimpleRNN 128*(128+128+1) = 32_896;
#         Dense 128*10+10 = 1_290; total 54_282

let units = 128
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model stacked_rnn(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector
    SimpleRNN(units=units, dropout=dropout, return_sequences=True)
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

expect params == 54_282
