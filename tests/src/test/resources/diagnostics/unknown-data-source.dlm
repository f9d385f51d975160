# A misspelt data source.
data mnsit    # ~ ERROR DLM0110

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
