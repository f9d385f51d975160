# models/variants/rnn-bilstm.dlm
# Variant of Listing 1.5.1 (models/rnn.dlm) from Advanced Deep Learning with Keras
# (R. Atienza, Packt, 1st ed. 2018): the chapter's bidirectional RNN,
# Bidirectional(LSTM()), with 128 units per direction and the default
# merge_mode='concat', so the Dense layer reads 2*128 = 256 values.
# Not one of the book's tables, so no accuracy is expected.
# params: LSTM 4*128*(28+128+1) = 80_384 per direction, 2*80_384 = 160_768;
#         Dense 256*10+10 = 2_570; total 163_338

let units = 128
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model bilstm(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    Bidirectional(LSTM(units=units, dropout=dropout))
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

expect params == 163_338
expect output == [10]
