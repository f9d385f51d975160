# A misspelt activation, in a layer argument and in an Activation layer.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='rleu')    # ~ ERROR DLM0107
    Dense(10)
    Activation(sofmax)    # ~ ERROR DLM0107
}

train { loss = categorical_crossentropy; optimizer = adam }
