# SYNTAX TEST "source.dlm" "characters the lexer rejects (ERROR_CHAR) and unbalanced but lexable closers"
let x = 3 @ 4 $ y ^ z ! w
#         ^ invalid.illegal.character.dlm
#             ^ invalid.illegal.character.dlm
#                 ^ invalid.illegal.character.dlm
#                     ^ invalid.illegal.character.dlm
#                       ^ variable.other.dlm - invalid.illegal.character.dlm
let ü = 1 & 2 | 3 ~ 4 ? 5 : 6 `7` \ 8
#   ^ invalid.illegal.character.dlm
#         ^ invalid.illegal.character.dlm
#             ^ invalid.illegal.character.dlm
#                 ^ invalid.illegal.character.dlm
#                     ^ invalid.illegal.character.dlm
#                         ^ invalid.illegal.character.dlm
#                             ^ invalid.illegal.character.dlm
#                                 ^ invalid.illegal.character.dlm
let s = 'no closing quote
#       ^ invalid.illegal.unclosed-string.dlm - string.quoted.single.dlm
#        ^^ variable.other.dlm
let d = "no closing quote either\"
#       ^ invalid.illegal.unclosed-string.dlm - string.quoted.double.dlm
let c = 'continued \
continued but never closed
# <-------------------------- string.quoted.single.dlm invalid.illegal.unclosed-string.dlm
let d2 = "again \
never closed either
# <------------------- string.quoted.double.dlm invalid.illegal.unclosed-string.dlm
let after = 1
# <--- storage.type.let.dlm - string.quoted.double.dlm
Dense(10]
#       ^ punctuation.section.brackets.end.dlm - meta.parens.dlm invalid.illegal.character.dlm
shape = [1, 2)
#            ^ punctuation.section.parens.end.dlm - meta.brackets.dlm
model m { Dense(10 }
#                  ^ punctuation.section.block.end.dlm - meta.parens.dlm
