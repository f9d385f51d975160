# Expectations on run metrics besides accuracy and loss: a metric the train block measures
# (`auc`, `precision`) may be expected; one it does not measure (`recall`) is an error, and
# so is a name that is no metric (`f1`).
data mnist

model mlp(input=[784]) {
    Dense(64, activation='relu')
    Dense(10, activation='softmax')
}

train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy, auc, precision] }

expect test.auc >= 0.9
expect val.precision > 0.5
expect test.recall >= 0.9    # ~ ERROR DLM0502
expect test.f1 >= 0.9    # ~ ERROR DLM0502
