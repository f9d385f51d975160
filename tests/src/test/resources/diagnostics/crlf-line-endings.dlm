# Saved with Windows line ends (CRLF): lines and columns are as an editor shows them.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu')
    Dense(10, activaton='softmax')    # ~ ERROR DLM0104
}
