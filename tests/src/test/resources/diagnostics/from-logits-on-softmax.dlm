# from_logits=True on a softmax output: the loss would apply softmax twice (Keras warns too).
data mnist

model mlp(input=[784]) {
    Dense(128, activation='relu')
    Dense(10, activation='softmax')
}

train {
    loss = categorical_crossentropy(from_logits=True)    # ~ WARNING DLM1430
    optimizer = adam
}
