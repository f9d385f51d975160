# sparse_categorical_accuracy on a single sigmoid unit: the arg-max of one value is always 0.
data csv("churn.csv", label="churned", classes=2)

model churn(input=[12]) {
    Dense(8, activation='relu')
    Dense(1, activation='sigmoid')
}

train {
    loss = binary_crossentropy
    metrics = [sparse_categorical_accuracy]    # ~ ERROR DLM1432
}
