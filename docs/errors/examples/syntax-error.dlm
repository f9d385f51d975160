# A layer call missing its closing parenthesis (docs/errors/DLM0902.md).
data mnist

model mlp(input=[784]) {
    Dense(64, activation=relu
    Dense(10, activation=softmax)
}
