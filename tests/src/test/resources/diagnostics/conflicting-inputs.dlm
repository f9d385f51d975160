# The input is declared twice, with different shapes.
data mnist

model mlp(input=[784]) {
    Dense(256, input_dim=748, activation='relu')    # ~ ERROR DLM0304
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
