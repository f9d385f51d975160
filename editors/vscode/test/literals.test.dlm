# SYNTAX TEST "source.dlm" "numbers and strings, as the lexer reads them"
let n = 269_322 + 7 - 0
#       ^^^^^^^ constant.numeric.integer.dlm
#                 ^ constant.numeric.integer.dlm
#                     ^ constant.numeric.integer.dlm
let f = [0.45, 1e-3, .5, 2., 1_000.000_1E+1_0, 3e5]
#        ^^^^ constant.numeric.float.dlm
#              ^^^^ constant.numeric.float.dlm
#                    ^^ constant.numeric.float.dlm
#                        ^^ constant.numeric.float.dlm
#                            ^^^^^^^^^^^^^^^^ constant.numeric.float.dlm
#                                              ^^^ constant.numeric.float.dlm
let split = 1_ + 1e
#           ^ constant.numeric.integer.dlm
#            ^ variable.other.dlm - constant.numeric.integer.dlm
#                ^ constant.numeric.integer.dlm
#                 ^ variable.other.dlm - constant.numeric.float.dlm
Activation('relu')
#          ^ string.quoted.single.dlm punctuation.definition.string.begin.dlm
#           ^^^^ string.quoted.single.dlm - support.constant.activation.dlm
#               ^ string.quoted.single.dlm punctuation.definition.string.end.dlm
data csv("iris.csv", label="species")
#        ^ string.quoted.double.dlm punctuation.definition.string.begin.dlm
#         ^^^^^^^^ string.quoted.double.dlm
#                 ^ string.quoted.double.dlm punctuation.definition.string.end.dlm
let escapes = 'it\'s' + "say \"hi\"\n" + '# not a comment'
#                ^^ string.quoted.single.dlm constant.character.escape.dlm
#                  ^ string.quoted.single.dlm - punctuation.definition.string.end.dlm
#                   ^ string.quoted.single.dlm punctuation.definition.string.end.dlm
#                            ^^ string.quoted.double.dlm constant.character.escape.dlm
#                                  ^^ string.quoted.double.dlm constant.character.escape.dlm
#                                    ^ string.quoted.double.dlm punctuation.definition.string.end.dlm
#                                          ^^^^^^^^^^^^^^^ string.quoted.single.dlm - comment.line.number-sign.dlm
let continued = 'first line \
#                           ^ string.quoted.single.dlm constant.character.escape.dlm - invalid.illegal.unclosed-string.dlm
second line'
# <----------- string.quoted.single.dlm
#          ^ punctuation.definition.string.end.dlm
let after = 1
# <--- storage.type.let.dlm - string.quoted.single.dlm
