# A sweep over a name that is neither a constant nor a training setting.
let dropout = 0.45

data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropout(dropout)
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

sweep {
    optimizer in [sgd, adam, rmsprop]
    droput    in [0.4, 0.45, 0.5]    # ~ ERROR DLM0601
}
