# A misspelt tensor name gets the closest one as a suggestion.
data mnist

model m {
    inputs = Input(shape=[784])
    h = Dense(64, activation='relu')(input)  # ~ ERROR DLM0101
    out = Dense(10, activation='softmax')(h)
}
