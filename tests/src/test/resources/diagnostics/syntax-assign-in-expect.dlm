# `=` where an expectation needs the comparison `==`.
data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }

expect params = 7_850    # ~ ERROR DLM0001
