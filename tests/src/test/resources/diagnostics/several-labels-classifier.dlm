# Several label columns are regression targets; a categorical loss wants one class label.
data csv("houses.csv", label=["price", "rent"])    # ~ ERROR DLM1481

model houses(input=[8]) {
    Dense(32, activation='relu')
    Dense(2, activation='softmax')
}

train {
    loss = categorical_crossentropy
    optimizer = adam
}
