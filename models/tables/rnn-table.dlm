# models/tables/rnn-table.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.5.1
# "Different SimpleRNN network configurations and performance measures": its 4 rows as the
# cells of one sweep, each with the book's train and test accuracy (`reference`), its
# parameter count and an accuracy threshold one point below the book's (see models/README.md).
#
#     dlmc sweep models/tables/rnn-table.dlm            # the whole table, 20 epochs a cell
#     dlmc sweep models/tables/rnn-table.dlm --dry-run  # the cells, parameters, time
#
# "Layers" gives the units of the SimpleRNN of Listing 1.5.1, whose dropout=0.2 is the
# regularizer in every row; a row changes the units and the optimizer. 20 epochs at batch
# size 128, as in the listing.
# params: SimpleRNN 256*(28+256+1) = 72_960; Dense 256*10+10 = 2_570; total 75_530
#         SimpleRNN 512*(28+512+1) = 276_992; Dense 512*10+10 = 5_130; total 282_122

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

sweep {
    # row 1
    cell "256, SGD, Dropout(0.2)" {
        units     = 256
        dropout   = 0.2
        optimizer = sgd
        expect params == 75_530
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9726, test.accuracy = 0.98
    }

    # row 2
    cell "256, RMSprop, Dropout(0.2)" {
        units     = 256
        dropout   = 0.2
        optimizer = rmsprop
        expect params == 75_530
        expect test.accuracy >= 0.96
        reference train.accuracy = 0.9672, test.accuracy = 0.976
    }

    # row 3
    cell "256, Adam, Dropout(0.2)" {
        units     = 256
        dropout   = 0.2
        optimizer = adam
        expect params == 75_530
        expect test.accuracy >= 0.96
        reference train.accuracy = 0.9679, test.accuracy = 0.974
    }

    # row 4
    cell "512, SGD, Dropout(0.2)" {
        units     = 512
        dropout   = 0.2
        optimizer = sgd
        expect params == 282_122
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9788, test.accuracy = 0.983
    }
}
