# Keras names the second Dense layer dense_1; there is no dense_2.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect dense_2.params == 2_570    # ~ ERROR DLM0502
