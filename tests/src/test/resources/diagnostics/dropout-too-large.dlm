# A dropout rate above 1 (a percentage written as a fraction's multiple).
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropout(1.5)    # ~ ERROR DLM0202
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
