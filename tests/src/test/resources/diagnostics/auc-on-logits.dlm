# AUC on raw scores: Keras's thresholds lie in [0, 1], so logits are counted wrongly.
data csv("churn.csv", label="churned", classes=2)

model churn(input=[12]) {
    Dense(8, activation='relu')
    Dense(1)
}

train {
    loss = binary_crossentropy(from_logits=True)
    metrics = [accuracy, auc]    # ~ WARNING DLM1432
}
