# Brackets nested 70 deep: more than the 64 dlm accepts.
let deep = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))    # ~ ERROR DLM0004

data mnist

model mlp(input=[784]) {
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam }
