# SYNTAX TEST "source.dlm" "layers, arguments and built-in names"
model cnn(input=[28, 28, 1]) {
#        ^ meta.parens.dlm punctuation.section.parens.begin.dlm
#               ^ meta.parens.dlm meta.brackets.dlm punctuation.section.brackets.begin.dlm
#                  ^ meta.brackets.dlm punctuation.separator.comma.dlm
#                         ^ meta.parens.dlm meta.brackets.dlm punctuation.section.brackets.end.dlm
#                          ^ meta.parens.dlm punctuation.section.parens.end.dlm
#                            ^ punctuation.section.block.begin.dlm - meta.parens.dlm
    Conv2D(filters=64, kernel_size=(3, 3), activation=relu, padding='same')
#   ^^^^^^ support.class.layer.dlm
#          ^^^^^^^ meta.parens.dlm variable.parameter.dlm
#                 ^ keyword.operator.assignment.dlm
#                                  ^ meta.parens.dlm meta.parens.dlm punctuation.section.parens.begin.dlm
#                                    ^ meta.parens.dlm meta.parens.dlm punctuation.separator.comma.dlm
#                                                     ^^^^ support.constant.activation.dlm
    Dense(10, kernel_regularizer=l2(0.001), kernel_initializer=he_normal);
#   ^^^^^ support.class.layer.dlm
#                                ^^ support.function.regularizer.dlm
#                                                              ^^^^^^^^^ support.constant.initializer.dlm
#                                                                        ^ punctuation.terminator.statement.dlm
    Bidirectional(LSTM(units=64, return_sequences=True), merge_mode=concat)
#   ^^^^^^^^^^^^^ support.class.layer.dlm
#                 ^^^^ support.class.layer.dlm
#                                                 ^^^^ constant.language.boolean.dlm
#                                                                   ^^^^^^ support.constant.merge-mode.dlm
    Conv1D(16, 5, padding=valid1, kernel_regularizer=l1_l2(l1=0.01, l2=0.02))
#                         ^^^^^^ variable.other.dlm - support.constant.padding.dlm
#                                                    ^^^^^ support.function.regularizer.dlm
#                                                          ^^ variable.parameter.dlm - support.function.regularizer.dlm
    Conv2D(8, 3, padding=same)
#                        ^^^^ support.constant.padding.dlm
    InputLayer(input_shape=[4])
#   ^^^^^^^^^^ support.class.layer.dlm
    MyCustomLayer (units=8)
#   ^^^^^^^^^^^^^ entity.name.function.dlm
    Reshape(target_shape=(7, 7 * 16))
#                              ^ keyword.operator.arithmetic.dlm
}
# <- punctuation.section.block.end.dlm
data idx("data/mnist")
#    ^^^ support.function.data.dlm
data fashion_mnist
#    ^^^^^^^^^^^^^ support.constant.data.dlm
