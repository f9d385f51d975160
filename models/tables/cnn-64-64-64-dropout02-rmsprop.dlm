# models/tables/cnn-64-64-64-dropout02-rmsprop.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Table 1.4.1
# "Different CNN network configurations and performance measures", row 2:
#     Layers 64-64-64 | Optimizer RMSprop | Regularizer Dropout(0.2)
#     Train accuracy 99.11% | Test accuracy 99.00%
# "Layers" gives the filters of the three Conv2D layers of Listing 1.4.1; the rest of
# the network and the 10 epochs at batch size 128 are the listing's.
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
    optimizer  = rmsprop
    metrics    = [accuracy]
    epochs     = 10
    batch_size = 128
}

expect params == 80_266
expect test.accuracy >= 0.98  # book: 99.00%
