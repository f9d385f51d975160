# Accuracy counts classes; a regression's real-valued targets have none.
data csv("prices.csv", label="price")

model prices(input=[5]) {
    Dense(16, activation='relu')
    Dense(1)
}

train {
    loss = huber
    optimizer = adam
    metrics = [accuracy, mae]    # ~ WARNING DLM1432
}
