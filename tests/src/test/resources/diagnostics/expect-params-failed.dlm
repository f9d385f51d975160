# The parameter count of Listing 1.3.2, but the hidden layers were made wider.
data mnist

model mlp(input=[784]) {
    Dense(512, activation='relu')
    Dense(512, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect params == 269_322    # ~ ERROR DLM0501
