# SYNTAX TEST "source.dlm" "the functional form: inputs, layers applied to tensors, shared layers, merges"
model y_network(outputs=[out]) {
    left = Input(shape=[28, 28, 1])
#   ^^^^ - invalid.illegal.character.dlm
#          ^^^^^ support.class.layer.dlm
    a = Conv2D(32, 3, padding='same')(left)
#                                     ^^^^ variable.other.dlm - invalid.illegal.character.dlm
    shared = Dense(64)
    p = shared(a)
#       ^^^^^^ - invalid.illegal.character.dlm
    y = Concatenate()([a, p])
#       ^^^^^^^^^^^ support.class.layer.dlm
#                     ^ - invalid.illegal.character.dlm
#                           ^ - invalid.illegal.character.dlm
    out = Add()([y, y])
#         ^^^ support.class.layer.dlm
}
