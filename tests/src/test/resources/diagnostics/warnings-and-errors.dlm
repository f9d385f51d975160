# Warnings and an error together: no data source, an ignored argument, a failed expectation.
model mlp(input=[784]) {    # ~ WARNING DLM0114
    Dense(256, activation='relu')
    Dense(10, input_dim=256, activation='softmax')    # ~ WARNING DLM0206
}

expect params == 203_520    # ~ ERROR DLM0501
