# The model block is never closed: the file ends inside it.
data mnist

train { loss = categorical_crossentropy; optimizer = adam }

model mlp(input=[784]) {  # ~ ERROR DLM0001
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
