# Cells binding several names, layers that a cell leaves out, a kernel penalty that a cell
# sets, per-cell expectations and references, crossed with a grid of seeds.
let units = 256
let relu = true
let dropout = 0.45
let penalty = None

data mnist

model mlp(input=[784]) {
    Dense(units, kernel_regularizer=penalty)
    Activation('relu') if relu
    Dropout(dropout) if dropout > 0
    Dense(10)
    Activation('softmax')
}

train {
    loss      = categorical_crossentropy
    optimizer = sgd
    metrics   = [accuracy]
}

sweep {
    cell "linear" {
        relu    = false
        dropout = 0
        expect params == 203_530
        reference train.accuracy = 0.9365, test.accuracy = 0.925
    }

    cell "l2" {
        dropout   = 0
        penalty   = l2(0.001)
        optimizer = adam
        expect params == 203_530
    }

    cell "wide" {
        units = 512
        expect params == 407_050
        reference test.accuracy = 0.983
    }

    seed in [1, 2]
}
