# Constants and arithmetic in arguments.
let hidden = 128
let side = 28
let rate = 0.5 / 2

data mnist

model mlp(input=[side * side]) {
    Dense(2 * hidden, activation='relu')
    Dropout(rate)
    Dense(hidden, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam; epochs = 2 ** 3; batch_size = side * 4 + 16 }

expect params == (side * side + 1) * 2 * hidden + (2 * hidden + 1) * hidden + (hidden + 1) * 10
expect dense.output == [2 * hidden]
