# ~ ERROR DLM0113
# Data and training settings, but the model was forgotten.
data mnist

train {
    loss      = categorical_crossentropy
    optimizer = adam
    epochs    = 20
}
