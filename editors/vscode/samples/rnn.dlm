# models/rnn.dlm — Listing 1.5.1: each image is 28 timesteps of 28 pixels.
data mnist

model rnn(input=[28, 28]) {
    SimpleRNN(units=256, dropout=0.2)
    Dense(10)
    Activation('softmax')
}

train { loss = categorical_crossentropy; optimizer = sgd; metrics = [accuracy]
        epochs = 20; batch_size = 128 }

expect params == 75_530
