# The width given positionally and again by name.
data mnist

model mlp(input=[784]) {
    Dense(256, units=256, activation='relu')    # ~ ERROR DLM0106
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
