# Issue 14's optimizers, losses and metrics, each well paired with its model: checks clean.
data csv("churn.csv", label="churned")

model churn(input=[12]) {
    Dense(8, activation='relu')
    Dense(1, activation='sigmoid')
}

train {
    loss = binary_crossentropy(label_smoothing=0.1)
    optimizer = adamw(learning_rate=0.001, weight_decay=0.004)
    metrics = [accuracy, precision, recall, auc, mae]
}
