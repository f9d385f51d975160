# Two target columns, one output unit: a regression needs one unit per target column.
data csv("houses.csv", label=["price", "rent"])

model houses(input=[8]) {
    Dense(32, activation='relu')
    Dense(1)    # ~ ERROR DLM1480
}

train {
    loss = mse
    optimizer = adam
    metrics = [mae]
}
