# input_dim on a hidden layer: Keras ignores it, and so does dlm.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(128, input_dim=256, activation='relu')    # ~ WARNING DLM0206
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
