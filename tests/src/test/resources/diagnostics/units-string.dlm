# A layer width written as a string.
data mnist

model mlp(input=[784]) {
    Dense('256', activation='relu')    # ~ ERROR DLM0201
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
