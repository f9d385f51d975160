# models/variants/rnn-bilstm-sum.dlm
# Variant of models/variants/rnn-bilstm.dlm whose two directions are added
# (merge_mode='sum') instead of concatenated, so the Dense layer reads 128 values.
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018) names
# Bidirectional(LSTM()); the merge mode is Keras's. No accuracy is expected.
# params: LSTM 4*128*(28+128+1) = 80_384 per direction, 2*80_384 = 160_768;
#         Dense 128*10+10 = 1_290; total 162_058

let units = 128
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model bilstm(input=[28, 28]) {  # 28 timesteps (rows), each a 28-dim vector (pixels)
    Bidirectional(LSTM(units=units, dropout=dropout), merge_mode='sum')
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

expect params == 162_058
expect output == [10]
