# Regularizers add penalties to the loss but no parameters.
data mnist

model mlp(input=[784]) {
    Dense(256, activation='relu', kernel_regularizer=l1_l2(l1=0.01, l2=0.01))
    Dense(256, activation='relu', kernel_regularizer=l2(0.001), bias_regularizer='l1')
    Dense(10, activation='softmax', kernel_regularizer=l1_l2(0.0, 0.01))
}

train { loss = categorical_crossentropy; optimizer = sgd }

expect params == 269_322
