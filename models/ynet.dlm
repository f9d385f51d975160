# models/ynet.dlm
# Advanced Deep Learning with Keras (R. Atienza, Packt, 1st ed. 2018), Listing 2.1.2,
# cnn-y-network-2.1.2.py: the Y-network. Two CNN branches read the same MNIST image; each is
# 3x [Conv2D(filters, 3, 'same', relu), Dropout(0.4), MaxPooling2D()] with filters doubling
# 32 -> 64 -> 128; the right branch dilates its kernels (dilation_rate=2). The branches are
# concatenated, flattened, and end in Dropout(0.4) and a Dense(10) softmax.
# The book trains it with `model.fit([x_train, x_train], ...)`: here `data mnist` feeds
# each sample to both inputs. It reports 99.4% test accuracy after 20 epochs (batch 32).
# shapes (each branch): 28x28x1 -conv-> 28x28x32 -pool-> 14x14x32 -conv-> 14x14x64
#         -pool-> 7x7x64 -conv-> 7x7x128 -pool-> 3x3x128; concatenated 3x3x256 -> 2304 -> 10
# params (each branch): Conv2D 3*3*1*32+32 = 320; 3*3*32*64+64 = 18_496;
#         3*3*64*128+128 = 73_856; 92_672 per branch, 185_344 for both;
#         Dense 2304*10+10 = 23_050; total 208_394 (the book's model.summary())

let kernel_size = 3
let dropout = 0.4
let n_filters = 32

data mnist  # x: 28x28 pixels scaled to [0,1], y: one-hot of 10

model y_network {
    left_inputs = Input(shape=[28, 28, 1])
    x = Conv2D(filters=n_filters, kernel_size=kernel_size, padding='same', activation='relu')(left_inputs)
    x = Dropout(dropout)(x)
    x = MaxPooling2D()(x)
    x = Conv2D(filters=2 * n_filters, kernel_size=kernel_size, padding='same', activation='relu')(x)
    x = Dropout(dropout)(x)
    x = MaxPooling2D()(x)
    x = Conv2D(filters=4 * n_filters, kernel_size=kernel_size, padding='same', activation='relu')(x)
    x = Dropout(dropout)(x)
    x = MaxPooling2D()(x)

    right_inputs = Input(shape=[28, 28, 1])
    y = Conv2D(filters=n_filters, kernel_size=kernel_size, padding='same', activation='relu', dilation_rate=2)(right_inputs)
    y = Dropout(dropout)(y)
    y = MaxPooling2D()(y)
    y = Conv2D(filters=2 * n_filters, kernel_size=kernel_size, padding='same', activation='relu', dilation_rate=2)(y)
    y = Dropout(dropout)(y)
    y = MaxPooling2D()(y)
    y = Conv2D(filters=4 * n_filters, kernel_size=kernel_size, padding='same', activation='relu', dilation_rate=2)(y)
    y = Dropout(dropout)(y)
    y = MaxPooling2D()(y)

    y = Concatenate()([x, y])  # merge the left and right branches
    y = Flatten()(y)
    y = Dropout(dropout)(y)
    outputs = Dense(10, activation='softmax')(y)
}

train {
    loss       = categorical_crossentropy
    optimizer  = adam
    metrics    = [accuracy]
    epochs     = 20
    batch_size = 32
}

expect params == 208_394
