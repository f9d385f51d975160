# SYNTAX TEST "source.dlm" "comments: # and // to the end of the line"
# a whole-line comment
# <- comment.line.number-sign.dlm punctuation.definition.comment.dlm
#^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dlm
// also a comment, with 'quotes' and let inside
# <-- comment.line.double-slash.dlm punctuation.definition.comment.dlm
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.dlm - string.quoted.single.dlm storage.type.let.dlm
data mnist  # after code
#           ^ comment.line.number-sign.dlm punctuation.definition.comment.dlm
#            ^^^^^^^^^^^ comment.line.number-sign.dlm
Dense(10) // after code
#         ^^ comment.line.double-slash.dlm punctuation.definition.comment.dlm
#            ^^^^^^^^^^ comment.line.double-slash.dlm
let rate = 1 / 2 // division, then a comment
#            ^ keyword.operator.arithmetic.dlm - comment.line.double-slash.dlm
#                ^^ comment.line.double-slash.dlm
