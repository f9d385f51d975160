# categorical_crossentropy on raw scores: the output layer has no softmax.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10)    # ~ WARNING DLM0401
}

train { loss = categorical_crossentropy; optimizer = adam }
