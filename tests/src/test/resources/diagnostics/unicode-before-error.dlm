# Non-ASCII text before the mistake: columns count characters, not bytes.
data mnist

model reseau(input=[784]) {
    Dense(256, name='couche_cachée', activaton='relu')    # ~ ERROR DLM0104
    Dense(10, activation='softmax')
}
