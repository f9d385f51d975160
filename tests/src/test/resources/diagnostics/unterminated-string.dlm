# A string whose closing quote is missing.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu)    # ~ ERROR DLM0003
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
