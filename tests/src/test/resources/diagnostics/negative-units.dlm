# A negative layer width.
data mnist

model mlp(input=[784]) {
    Dense(-256, activation='relu')    # ~ ERROR DLM0202
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
