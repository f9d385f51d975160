# models/variants/cnn-batchnorm.dlm
# Variant of Listing 1.4.1 (models/cnn.dlm) from Advanced Deep Learning with Keras
# (R. Atienza, Packt, 1st ed. 2018): the chapter notes that with batch normalization the
# ReLU becomes a separate Activation layer, so each Conv2D is followed by
# BatchNormalization() and Activation('relu'). Not one of the book's tables.
# BatchNormalization over C channels keeps gamma and beta (2*C, trained) and the moving
# mean and variance (2*C, not trained).
# params: Conv2D 3*3*1*64+64 = 640; BN 4*64 = 256; Conv2D 3*3*64*64+64 = 36_928;
#         BN 256; Conv2D 36_928; BN 256; Dense (3*3*64)*10+10 = 5_770;
#         total 81_034 (= 80_266 + 3*256); not trainable 3*128 = 384;
#         trainable 81_034 - 384 = 80_650

let kernel_size = 3
let pool_size = 2
let filters = 64
let dropout = 0.2

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model cnn_bn(input=[28, 28, 1]) {  # height, width, one grey channel
    Conv2D(filters=filters, kernel_size=kernel_size)
    BatchNormalization()
    Activation('relu')
    MaxPooling2D(pool_size)
    Conv2D(filters=filters, kernel_size=kernel_size)
    BatchNormalization()
    Activation('relu')
    MaxPooling2D(pool_size)
    Conv2D(filters=filters, kernel_size=kernel_size)
    BatchNormalization()
    Activation('relu')
    Flatten()
    Dropout(dropout)
    Dense(10)
    Activation('softmax')
}

train {
    loss       = categorical_crossentropy
    optimizer  = adam
    metrics    = [accuracy]
    epochs     = 10
    batch_size = 128
}

expect params == 81_034
expect trainable_params == 80_650
expect non_trainable_params == 384
