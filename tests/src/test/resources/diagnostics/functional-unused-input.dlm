# A second input nobody reads.
data mnist

model m {
    image = Input(shape=[28, 28, 1])
    extra = Input(shape=[784])  # ~ ERROR DLM1402
    f = Flatten()(image)
    out = Dense(10, activation='softmax')(f)
}
