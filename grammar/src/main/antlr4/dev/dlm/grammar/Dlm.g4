/*
 * The grammar of .dlm files: one experiment per file (data, model, training, expectations).
 *
 * Layout is free: newlines are white space, and `;` may separate any two items. Every
 * alternative and element the AST builder reads is labelled, so no code outside
 * dev.dlm.compiler.parse ever walks children by index.
 *
 * A model body is a sequence of `bodyItem`s: bare layer calls (the Sequential form), or
 * assignments (the functional form): `x = Input(shape=[...])`, `y = Dense(10)(x)`,
 * `shared = Dense(64)` and `p = shared(x)`. The checker tells the kinds of assignment apart
 * and rejects a model that mixes the two forms.
 */
grammar Dlm;

file
    : items+=topItem* EOF
    ;

topItem
    : LET name=ID ASSIGN value=expr SEMI?                                 # letItem
    | DATA source=expr SEMI?                                              # dataItem
    | MODEL name=ID (LPAREN args=argList? RPAREN)? body=modelBody SEMI?  # modelItem
    | TRAIN body=settingsBlock SEMI?                                      # trainItem
    | EXPECT condition=expr SEMI?                                         # expectItem
    | SWEEP LBRACE entries+=sweepEntry* RBRACE SEMI?                       # sweepItem
    ;

modelBody
    : LBRACE items+=bodyItem* RBRACE
    ;

bodyItem
    : layer=call (IF condition=expr)? SEMI?                               # layerItem
    | target=ID ASSIGN layer=call (LPAREN applied=expr RPAREN)? SEMI?     # assignItem
    ;

settingsBlock
    : LBRACE entries+=setting* RBRACE
    ;

setting
    : key=ID ASSIGN value=expr SEMI?
    ;

/* A grid axis (`dropout in [0.4, 0.5]`) or an explicit cell: `cell "label" { ... }`. */
sweepEntry
    : name=ID IN values=expr SEMI?                                        # sweepAxis
    | CELL label=STRING? LBRACE entries+=cellEntry* RBRACE SEMI?          # sweepCell
    ;

cellEntry
    : key=ID ASSIGN value=expr SEMI?                                      # cellBinding
    | EXPECT condition=expr SEMI?                                         # cellExpect
    | REFERENCE refs+=reference (COMMA refs+=reference)* SEMI?            # cellReference
    ;

/* `train.accuracy = 0.9807`: a number the cell is compared with (`train` is a keyword). */
reference
    : split=(TRAIN | ID) DOT metric=ID ASSIGN value=expr
    ;

call
    : callee=ID LPAREN args=argList? RPAREN
    ;

argList
    : items+=arg (COMMA items+=arg)* COMMA?
    ;

arg
    : (name=ID ASSIGN)? value=expr
    ;

/* Precedence climbs downwards: comparison < additive < multiplicative < unary < power. */
expr
    : call                                                                # callExpr
    | target=expr DOT member=ID                                           # memberExpr
    | <assoc=right> left=expr op=POW right=expr                           # powerExpr
    | op=(MINUS | PLUS) operand=expr                                      # unaryExpr
    | left=expr op=(STAR | SLASH | PERCENT) right=expr                    # mulExpr
    | left=expr op=(PLUS | MINUS) right=expr                              # addExpr
    | left=expr op=(EQ | NE | LT | LE | GT | GE) right=expr               # compareExpr
    | LPAREN inner=expr RPAREN                                            # parenExpr
    | LPAREN (items+=expr COMMA (items+=expr (COMMA items+=expr)* COMMA?)?)? RPAREN  # tupleExpr
    | LBRACK (items+=expr (COMMA items+=expr)* COMMA?)? RBRACK             # listExpr
    | value=(TRUE | FALSE)                                                # boolExpr
    | NONE                                                                # noneExpr
    | value=INT                                                           # intExpr
    | value=FLOAT                                                         # floatExpr
    | value=STRING                                                        # stringExpr
    | name=ID                                                             # nameExpr
    ;

// ---------------------------------------------------------------------------------------
// Lexer. Keywords come first so they win over ID; the TextMate grammar in editors/ is
// tested to highlight exactly this set.

LET     : 'let';
DATA    : 'data';
MODEL   : 'model';
TRAIN   : 'train';
EXPECT  : 'expect';
SWEEP   : 'sweep';
IN      : 'in';
CELL    : 'cell';
REFERENCE : 'reference';
IF      : 'if';
TRUE    : 'true' | 'True';
FALSE   : 'false' | 'False';
NONE    : 'None' | 'none';

LPAREN  : '(';
RPAREN  : ')';
LBRACK  : '[';
RBRACK  : ']';
LBRACE  : '{';
RBRACE  : '}';
COMMA   : ',';
SEMI    : ';';
DOT     : '.';
EQ      : '==';
NE      : '!=';
LE      : '<=';
GE      : '>=';
LT      : '<';
GT      : '>';
ASSIGN  : '=';
POW     : '**';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
PLUS    : '+';
MINUS   : '-';

// Numbers: `_` may separate digits (269_322); floats take a fraction, an exponent or both.
FLOAT
    : DIGITS '.' DIGITS? EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;
INT     : DIGITS;

STRING
    : '\'' (ESC | ~['\\\r\n])* '\''
    | '"' (ESC | ~["\\\r\n])* '"'
    ;

ID      : [a-zA-Z_] [a-zA-Z0-9_]*;

LINE_COMMENT : ('#' | '//') ~[\r\n]* -> channel(HIDDEN);
WS           : [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else becomes one token the parser rejects with a located message,
// instead of a lexer error that loses the rest of the line.
ERROR_CHAR : . ;

fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? DIGITS;
fragment ESC      : '\\' .;
