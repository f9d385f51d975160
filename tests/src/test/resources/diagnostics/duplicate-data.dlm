# Two data sources in one file.
data mnist
data fashion_mnist    # ~ ERROR DLM0102

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
