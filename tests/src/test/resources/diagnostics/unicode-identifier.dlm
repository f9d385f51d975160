# Names are ASCII: letters, digits and `_`.
data mnist

model réseau(input=[784]) {    # ~ ERROR DLM0002
    Dense(256, activation='relu')
    Dense(10, activation='softmax')
}
