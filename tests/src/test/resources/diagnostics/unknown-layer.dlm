# A misspelt layer name.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dropuot(0.45)    # ~ ERROR DLM0103
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
