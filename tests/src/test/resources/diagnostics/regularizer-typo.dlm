# There is no L3 regularizer.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu', kernel_regularizer=l3(0.01))    # ~ ERROR DLM0115
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = sgd }
