# ~vv ERROR DLM0006
# Saved as Latin-1 instead of UTF-8: the comment
# "réseau dense" has a byte that is not UTF-8.
data mnist
model mlp(input=[784]) { Dense(10, activation=softmax) }
train { loss = categorical_crossentropy }
