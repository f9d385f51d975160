# Without a data source the model can be checked but not trained.
model mlp(input=[784]) {    # ~ WARNING DLM0114
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect params == 203_530
