# models/tables/mlp-table.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.3.2
# "Different MLP network configurations and performance measures": its 18 rows as the cells
# of one sweep, each with the book's train and test accuracy (`reference`), its parameter
# count and an accuracy threshold one point below the book's, or, for the SGD rows the book's
# stated settings cannot reach (real Keras neither: docs/tables.md), one point below what
# they reach (see models/README.md).
#
#     dlmc sweep models/tables/mlp-table.dlm            # the whole table, 20 epochs a cell
#     dlmc sweep models/tables/mlp-table.dlm --dry-run  # the cells, parameters, time
#     dlmc summary models/tables/mlp-table.dlm --cell 8 # one row's layers
#
# "Layers" gives the units of hidden layers 1 to 3: each a Dense, then ReLU (left out where
# the row says "ReLU None"), then the row's regularizer: Dropout(rate) after the ReLU, or
# l2(x) on the Dense's kernel (it adds no parameters), or none. Then the Dense(10) softmax
# output. Keras's default optimizer settings, 20 epochs at batch size 128.
# params of 256-256-256: 784*256+256 = 200_960; 256*256+256 = 65_792 twice; 256*10+10 = 2_570;
#                        total 335_114

let units1 = 256
let units2 = 256
let units3 = 256
let relu = true     # false: the hidden layers stay linear
let dropout = 0.45  # 0: no Dropout layers
let penalty = None  # l2(x): kernel_regularizer on each hidden Dense

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model mlp(input=[784]) {  # each 28x28 image is read as 784 values
    Dense(units1, kernel_regularizer=penalty)
    Activation('relu') if relu
    Dropout(dropout) if dropout > 0
    Dense(units2, kernel_regularizer=penalty)
    Activation('relu') if relu
    Dropout(dropout) if dropout > 0
    Dense(units3, kernel_regularizer=penalty)
    Activation('relu') if relu
    Dropout(dropout) if dropout > 0
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
    cell "256-256-256, None, SGD, no ReLU" {
        relu      = false
        dropout   = 0
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.91
        reference train.accuracy = 0.9365, test.accuracy = 0.925
    }

    # row 2
    cell "256-256-256, L2(0.001), SGD" {
        dropout   = 0
        penalty   = l2(0.001)
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.9935, test.accuracy = 0.98
    }

    # row 3
    cell "256-256-256, L2(0.01), SGD" {
        dropout   = 0
        penalty   = l2(0.01)
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.92
        reference train.accuracy = 0.969, test.accuracy = 0.967
    }

    # row 4
    cell "256-256-256, None, SGD" {
        dropout   = 0
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.95
        reference train.accuracy = 0.9993, test.accuracy = 0.98
    }

    # row 5
    cell "256-256-256, Dropout(0.4), SGD" {
        dropout   = 0.4
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.9823, test.accuracy = 0.981
    }

    # row 6
    cell "256-256-256, Dropout(0.45), SGD" {
        dropout   = 0.45
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.9807, test.accuracy = 0.981
    }

    # row 7
    cell "256-256-256, Dropout(0.5), SGD" {
        dropout   = 0.5
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.9768, test.accuracy = 0.981
    }

    # row 8
    cell "256-256-256, Dropout(0.6), SGD" {
        dropout   = 0.6
        optimizer = sgd
        expect params == 335_114
        expect test.accuracy >= 0.93
        reference train.accuracy = 0.9711, test.accuracy = 0.979
    }

    # row 9
    cell "256-512-256, Dropout(0.45), SGD" {
        units1    = 256
        units2    = 512
        units3    = 256
        dropout   = 0.45
        optimizer = sgd
        expect params == 466_442
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.9821, test.accuracy = 0.982
    }

    # row 10
    cell "512-512-512, Dropout(0.2), SGD" {
        units1    = 512
        units2    = 512
        units3    = 512
        dropout   = 0.2
        optimizer = sgd
        expect params == 932_362
        expect test.accuracy >= 0.95
        reference train.accuracy = 0.9945, test.accuracy = 0.983
    }

    # row 11
    cell "512-512-512, Dropout(0.4), SGD" {
        units1    = 512
        units2    = 512
        units3    = 512
        dropout   = 0.4
        optimizer = sgd
        expect params == 932_362
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.9895, test.accuracy = 0.983
    }

    # row 12
    cell "512-1024-512, Dropout(0.45), SGD" {
        units1    = 512
        units2    = 1024
        units3    = 512
        dropout   = 0.45
        optimizer = sgd
        expect params == 1_457_162
        expect test.accuracy >= 0.94
        reference train.accuracy = 0.989, test.accuracy = 0.982
    }

    # row 13
    cell "1024-1024-1024, Dropout(0.4), SGD" {
        units1    = 1024
        units2    = 1024
        units3    = 1024
        dropout   = 0.4
        optimizer = sgd
        expect params == 2_913_290
        expect test.accuracy >= 0.95
        reference train.accuracy = 0.9937, test.accuracy = 0.983
    }

    # row 14
    cell "256-256-256, Dropout(0.6), Adam" {
        dropout   = 0.6
        optimizer = adam
        expect params == 335_114
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9864, test.accuracy = 0.982
    }

    # row 15
    cell "256-256-256, Dropout(0.55), Adam" {
        dropout   = 0.55
        optimizer = adam
        expect params == 335_114
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9902, test.accuracy = 0.983
    }

    # row 16
    cell "256-256-256, Dropout(0.45), Adam" {
        dropout   = 0.45
        optimizer = adam
        expect params == 335_114
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9939, test.accuracy = 0.985
    }

    # row 17
    cell "256-256-256, Dropout(0.45), RMSprop" {
        dropout   = 0.45
        optimizer = rmsprop
        expect params == 335_114
        expect test.accuracy >= 0.97
        reference train.accuracy = 0.9875, test.accuracy = 0.981
    }

    # row 18
    cell "128-128-128, Dropout(0.45), Adam" {
        units1    = 128
        units2    = 128
        units3    = 128
        dropout   = 0.45
        optimizer = adam
        expect params == 134_794
        expect test.accuracy >= 0.96
        reference train.accuracy = 0.987, test.accuracy = 0.977
    }
}
