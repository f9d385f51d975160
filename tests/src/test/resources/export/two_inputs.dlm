# A small functional model for the export tests: two inputs that read the same MNIST image
# (one as an image, one flattened), a convolutional branch with batch normalization, a Dense
# layer shared by both branches (one set of weights, two nodes), two merges, a softmax output.
# shapes: 28x28x1 -conv s2-> 13x13x4 -pool-> 6x6x4 -> 144 -> 32; 784 -> 32
# params: Conv2D 3*3*1*4+4 = 40; BatchNormalization 4*4 = 16 (8 trainable);
#         Dense 144*32+32 = 4_640; Dense 784*32+32 = 25_120; shared Dense 32*16+16 = 528;
#         Dense (16+16)*10+10 = 330; total 30_674

data mnist

model two_inputs {
    image = Input(shape=[28, 28, 1])
    pixels = Input(shape=[784])
    x = Conv2D(4, 3, strides=2, activation='relu')(image)
    x = BatchNormalization()(x)
    x = MaxPooling2D()(x)
    x = Flatten()(x)
    x = Dense(32, activation='relu')(x)
    y = Dense(32, activation='relu')(pixels)
    encode = Dense(16, activation='tanh')
    p = encode(x)
    q = encode(y)
    s = Add()([p, q])
    c = Concatenate()([s, q])
    out = Dense(10, activation='softmax')(c)
}

train {
    loss = categorical_crossentropy
}

expect params == 30_674
