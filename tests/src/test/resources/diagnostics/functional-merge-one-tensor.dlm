# A merge layer applied to one tensor instead of a list.
data mnist

model m {
    x = Input(shape=[784])
    a = Dense(64, activation='relu')(x)
    c = Concatenate()(a)  # ~ ERROR DLM1404
    out = Dense(10, activation='softmax')(c)
}
