# SYNTAX TEST "source.dlm" "train settings, sweeps, expectations and operators"
train {
    loss       = categorical_crossentropy
#   ^^^^ support.type.property-name.dlm
#              ^ keyword.operator.assignment.dlm
#                ^^^^^^^^^^^^^^^^^^^^^^^^ support.constant.loss.dlm
    optimizer  = sgd(learning_rate=0.01, momentum=0.9, nesterov=True)
#   ^^^^^^^^^ support.type.property-name.dlm
#                ^^^ support.constant.optimizer.dlm
#                    ^^^^^^^^^^^^^ variable.parameter.dlm - support.type.property-name.dlm
    metrics    = [accuracy]
#   ^^^^^^^ support.type.property-name.dlm
#                 ^^^^^^^^ meta.brackets.dlm support.constant.metric.dlm
    epochs = 20; batch_size = 128; validation_split = 0.1; seed = 7; shuffle = false
#   ^^^^^^ support.type.property-name.dlm
#              ^ punctuation.terminator.statement.dlm
#                ^^^^^^^^^^ support.type.property-name.dlm
#                                  ^^^^^^^^^^^^^^^^ support.type.property-name.dlm
#                                                          ^^^^ support.type.property-name.dlm
#                                                                    ^^^^^^^ support.type.property-name.dlm
    validation = test
#   ^^^^^^^^^^ support.type.property-name.dlm
    optimizer = Adam(learning_rate=1e-3); optimizer = RMSprop(); optimizer = SGD(); optimizer = AdaGrad()
#               ^^^^ support.constant.optimizer.dlm
#                                                     ^^^^^^^ support.constant.optimizer.dlm
#                                                                            ^^^ support.constant.optimizer.dlm
#                                                                                               ^^^^^^^ support.constant.optimizer.dlm
    optimizer = adamw; optimizer = Nadam; optimizer = adamax; optimizer = ftrl; optimizer = lion
#               ^^^^^ support.constant.optimizer.dlm
#                                  ^^^^^ support.constant.optimizer.dlm
#                                                     ^^^^^^ support.constant.optimizer.dlm
#                                                                         ^^^^ support.constant.optimizer.dlm
#                                                                                           ^^^^ variable.other.dlm - support.constant.optimizer.dlm
    learning_rate = 2 ** -3
#   ^^^^^^^^^^^^^ variable.other.property.dlm
#                     ^^ keyword.operator.arithmetic.dlm
#                        ^ keyword.operator.arithmetic.dlm
}
sweep {
    optimizer in [sgd, adam, rmsprop, adagrad]
#   ^^^^^^^^^ support.type.property-name.dlm
#                                     ^^^^^^^ support.constant.optimizer.dlm
    dropout   in [0.4, 0.45, 0.5]
#   ^^^^^^^ variable.other.property.dlm
    inner in (1, 2)
#   ^^^^^ variable.other.property.dlm - keyword.control.dlm
}
expect test.accuracy >= 0.98
#      ^^^^ support.variable.expect.dlm
#          ^ punctuation.accessor.dlm
#           ^^^^^^^^ support.constant.metric.dlm
#                    ^^ keyword.operator.comparison.dlm
expect val.loss < 1; expect trainable_params + non_trainable_params > 0; expect output == [10]
#      ^^^ support.variable.expect.dlm
#                           ^^^^^^^^^^^^^^^^ support.variable.expect.dlm
#                                              ^^^^^^^^^^^^^^^^^^^^ support.variable.expect.dlm
#                                                                               ^^^^^^ support.variable.expect.dlm
expect a == b; expect a != b; expect a <= b; expect a < b; expect a > b
#        ^^ keyword.operator.comparison.dlm
#                       ^^ keyword.operator.comparison.dlm
#                                      ^^ keyword.operator.comparison.dlm
#                                                     ^ keyword.operator.comparison.dlm
#                                                                   ^ keyword.operator.comparison.dlm
expect params == 2 * 3 / 4 % 5 + 6 - 7
#             ^^ keyword.operator.comparison.dlm - keyword.operator.assignment.dlm
#                  ^ keyword.operator.arithmetic.dlm
#                      ^ keyword.operator.arithmetic.dlm
#                          ^ keyword.operator.arithmetic.dlm
#                              ^ keyword.operator.arithmetic.dlm
#                                  ^ keyword.operator.arithmetic.dlm
