# top-5 accuracy over 3 classes: every label is in the top 5, so the metric is always 1.
data csv("iris.csv", label="species", classes=3)

model iris(input=[4]) {
    Dense(8, activation='relu')
    Dense(3, activation='softmax')
}

train {
    loss = categorical_crossentropy
    metrics = [accuracy, top_k_categorical_accuracy]    # ~ WARNING DLM1433
}
