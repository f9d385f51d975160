# A two-cell sweep for the pages of `dlmc sweep --collect` (DLM1550, DLM1551, DLM1552).
data mnist

model tiny(input=[784]) {
    Dense(32, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss      = categorical_crossentropy
    metrics   = [accuracy]
    epochs    = 1
}

sweep { optimizer in [sgd, adam] }
