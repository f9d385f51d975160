# SYNTAX TEST "source.dlm" "keywords, declarations and language constants"
let hidden_units = 256
# <--- storage.type.let.dlm
#   ^^^^^^^^^^^^ variable.other.constant.dlm
#                ^ keyword.operator.assignment.dlm
data mnist
# <---- keyword.control.dlm
#    ^^^^^ support.constant.data.dlm
model mlp(input=[784]) {
# <----- keyword.control.model.dlm
#     ^^^ entity.name.type.model.dlm
#         ^^^^^ variable.parameter.dlm - keyword.control.dlm
}
train { epochs = 1 }
# <----- keyword.control.dlm
expect params == 269_322
# <------ keyword.control.dlm
#      ^^^^^^ support.variable.expect.dlm
sweep { optimizer in [sgd, adam] }
# <----- keyword.control.dlm
#                 ^^ keyword.control.dlm
sweep { cell "row 1" { relu = false; reference train.accuracy = 0.9365, test.accuracy = 0.925 } }
#       ^^^^ keyword.control.dlm
#            ^^^^^^^ string.quoted.double.dlm
#                                    ^^^^^^^^^ keyword.control.dlm
#                                              ^^^^^ keyword.control.dlm
model gated { Dropout(rate) if rate > 0 }
#                           ^^ keyword.control.dlm
let notkeywords = cells + referenced + iffy
#                 ^^^^^ variable.other.dlm - keyword.control.dlm
#                         ^^^^^^^^^^ variable.other.dlm - keyword.control.dlm
#                                      ^^^^ variable.other.dlm - keyword.control.dlm
let flags = [true, True, false, False, None, none]
#            ^^^^ constant.language.boolean.dlm
#                  ^^^^ constant.language.boolean.dlm
#                        ^^^^^ constant.language.boolean.dlm
#                               ^^^^^ constant.language.boolean.dlm
#                                      ^^^^ constant.language.none.dlm
#                                            ^^^^ constant.language.none.dlm
let letter = lets + modeling + datas + inside + trueish + None_ + TRUE
#   ^^^^^^ variable.other.constant.dlm - storage.type.let.dlm
#            ^^^^ variable.other.dlm - storage.type.let.dlm
#                   ^^^^^^^^ variable.other.dlm - keyword.control.model.dlm
#                              ^^^^^ variable.other.dlm - keyword.control.dlm
#                                      ^^^^^^ variable.other.dlm - keyword.control.dlm
#                                               ^^^^^^^ variable.other.dlm - constant.language.boolean.dlm
#                                                         ^^^^^ variable.other.dlm - constant.language.none.dlm
#                                                                 ^^^^ variable.other.dlm - constant.language.boolean.dlm
