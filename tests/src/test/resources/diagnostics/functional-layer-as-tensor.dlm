# A shared layer's name read as if it were a tensor.
data mnist

model m {
    x = Input(shape=[784])
    classify = Dense(10, activation='softmax')
    y = classify(x)
    z = Dropout(0.2)(classify)  # ~ ERROR DLM1406
}
