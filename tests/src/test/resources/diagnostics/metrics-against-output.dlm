# Metrics that do not suit the output: class ranking on one unit, thresholds on raw scores,
# and top-5 accuracy over 3 classes.
data csv("iris.csv", label="species", classes=3)

model iris(input=[4]) {
    Dense(8, activation='relu')
    Dense(3)
}

train {
    loss = categorical_crossentropy(from_logits=True)
    metrics = [accuracy, top_k_categorical_accuracy,    # ~ WARNING DLM1433
               auc]    # ~ WARNING DLM1432
}
