# Written by hand, not in the canonical layout (docs/errors/DLM0901.md).
data mnist
model mlp(input=[784]) { Dense(64,activation=relu)
  Dense(10, activation=softmax) }
