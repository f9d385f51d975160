# A misspelt initializer.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu', kernel_initializer='he_normall')    # ~ ERROR DLM0115
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
