// A tour of the syntax: every kind of token the lexer accepts, in a well-formed file.
let hidden = 2 * 64          # arithmetic on constants: + - * / % **
let rate = 1e-3
let keep = .5
let big = 1_000_000
let scale = 2 ** -1 + 7 % 3 / 1.5E+2
let flag = true; let other = False; let nothing = None

data csv("data/iris.csv", label="species\t(class)", header=True)

model tagger(input=[100]) {
    Embedding(input_dim=10_000, output_dim=hidden)
    Bidirectional(LSTM(units=hidden, return_sequences=true), merge_mode=concat)
    GRU(32, reset_after=True, dropout=0.1, recurrent_dropout=none)
    Conv1D(filters=16, kernel_size=5, padding=same, kernel_initializer=he_normal)
    GlobalMaxPooling1D()
    BatchNormalization(momentum=0.99, epsilon=0.001)
    Dense(3, activation="softmax", kernel_regularizer=l1_l2(l1=0.01, l2=0.01));
}

train {
    loss = sparse_categorical_crossentropy
    optimizer = rmsprop(learning_rate=rate, rho=0.9)
    metrics = [accuracy, 'top_k_categorical_accuracy']
    epochs = 3; batch_size = 32; validation_split = 0.1
    seed = 42; shuffle = false
}

sweep {
    optimizer in [sgd, adam, rmsprop, adagrad]
    rate in (1e-2, 1e-3)
}

expect params != 0
expect test.accuracy >= 0.98
expect test.loss < 2 * keep
