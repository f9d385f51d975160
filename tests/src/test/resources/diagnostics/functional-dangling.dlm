# A branch computed and never merged: Keras would drop it silently.
data mnist

model m {
    x = Input(shape=[784])
    a = Dense(64, activation='relu')(x)
    b = Dense(64, activation='relu')(x)  # ~ ERROR DLM1401
    out = Dense(10, activation='softmax')(a)
}
