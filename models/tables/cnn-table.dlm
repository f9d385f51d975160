# models/tables/cnn-table.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.4.1
# "Different CNN network configurations and performance measures": its 4 rows as the cells
# of one sweep, each with the book's train and test accuracy (`reference`), its parameter
# count and an accuracy threshold one point below the book's (see models/README.md).
#
#     dlmc sweep models/tables/cnn-table.dlm            # the whole table, 10 epochs a cell
#     dlmc sweep models/tables/cnn-table.dlm --dry-run  # the cells, parameters, time
#
# "Layers" gives the filters of the three Conv2D layers of Listing 1.4.1 (64 in every row);
# a row changes the optimizer and the Dropout's rate, the rest is the listing's: kernel 3,
# pool 2, 10 epochs at batch size 128.
# shapes: 28x28x1 -conv-> 26x26x64 -pool-> 13x13x64 -conv-> 11x11x64 -pool-> 5x5x64
#         -conv-> 3x3x64 -flatten-> 576 -> 10
# params: Conv2D 3*3*1*64+64 = 640; Conv2D 3*3*64*64+64 = 36_928; Conv2D 36_928;
#         Dense (3*3*64)*10+10 = 5_770; total 80_266

let kernel_size = 3
let pool_size = 2
let filters = 64
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model cnn(input=[28, 28, 1]) {  # the image as is: height, width, one grey channel
    Conv2D(filters=filters, kernel_size=kernel_size, activation='relu')
    MaxPooling2D(pool_size)
    Conv2D(filters=filters, kernel_size=kernel_size, activation='relu')
    MaxPooling2D(pool_size)
    Conv2D(filters=filters, kernel_size=kernel_size, activation='relu')
    Flatten()
    Dropout(dropout)  # dropout added as regularizer
    Dense(10)         # output layer is a 10-dim one-hot vector
    Activation('softmax')
}

train {
    loss       = categorical_crossentropy
    optimizer  = adam
    metrics    = [accuracy]
    epochs     = 10
    batch_size = 128
}

sweep {
    # row 1
    cell "64-64-64, SGD, Dropout(0.2)" {
        filters   = 64
        dropout   = 0.2
        optimizer = sgd
        expect params == 80_266
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9776, test.accuracy = 0.985
    }

    # row 2
    cell "64-64-64, RMSprop, Dropout(0.2)" {
        filters   = 64
        dropout   = 0.2
        optimizer = rmsprop
        expect params == 80_266
        expect test.accuracy >= 0.98
        reference train.accuracy = 0.9911, test.accuracy = 0.99
    }

    # row 3
    cell "64-64-64, Adam, Dropout(0.2)" {
        filters   = 64
        dropout   = 0.2
        optimizer = adam
        expect params == 80_266
        expect test.accuracy >= 0.98
        reference train.accuracy = 0.9975, test.accuracy = 0.994
    }

    # row 4
    cell "64-64-64, Adam, Dropout(0.4)" {
        filters   = 64
        dropout   = 0.4
        optimizer = adam
        expect params == 80_266
        expect test.accuracy >= 0.98
        reference train.accuracy = 0.9964, test.accuracy = 0.993
    }
}
