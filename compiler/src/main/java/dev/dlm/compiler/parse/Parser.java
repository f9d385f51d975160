package dev.dlm.compiler.parse;

import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.grammar.DlmLexer;
import dev.dlm.grammar.DlmParser;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses one .dlm file into its AST, reporting syntax errors as diagnostics. The only place
 * where ANTLR's types are seen; nothing of ANTLR leaves this package.
 */
public final class Parser {

    /**
     * Brackets nested deeper than this are rejected before parsing. ANTLR's recursive
     * descent would otherwise exhaust the stack on pathological input; no real model nests
     * more than a handful of levels.
     */
    public static final int MAX_NESTING = 64;

    private Parser() {}

    /** Parses {@code file}; on syntax errors the returned file holds what could be read. */
    public static DlmFile parse(SourceFile file, Diagnostics diagnostics) {
        DlmLexer lexer = new DlmLexer(CharStreams.fromString(file.text(), file.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        Set<Integer> linesWithLexErrors = new HashSet<>();
        List<DlmFile.Comment> comments = new ArrayList<>();
        int depth = 0;
        int parens = 0; // ( and [ only: where an expression continues past a `//`
        int badRuns = 0;
        List<Token> all = tokens.getTokens();
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            switch (t.getType()) {
                case DlmLexer.LINE_COMMENT -> {
                    comments.add(new DlmFile.Comment(t.getText(), span(file, t)));
                    if (parens > 0 && t.getText().startsWith("//")) {
                        // Python's floor division reads as a comment here and swallows the rest of the line.
                        diagnostics.report(Diagnostic.error(Code.DLM0001, file.span(span(file, t).start(), span(file, t).start() + 2),
                                        "`//` starts a comment, so the rest of this line is ignored")
                                .label("comment starts here")
                                .note("dlm has no floor-division operator; `/` is true division")
                                .help("compute the value in a `let` (e.g. `let half = 128`), or end the line before the comment"));
                        return new DlmFile(file, List.of(), comments);
                    }
                }
                case DlmLexer.ERROR_CHAR -> {
                    if (t.getStartIndex() == 0 && t.getText().equals("\uFEFF")) continue; // a byte order mark
                    linesWithLexErrors.add(t.getLine());
                    // A run of adjacent bad characters is one problem: 20,000 of them are one diagnostic.
                    int last = i;
                    while (!isQuote(t) && last + 1 < all.size() && all.get(last + 1).getType() == DlmLexer.ERROR_CHAR
                            && !isQuote(all.get(last + 1)) && all.get(last + 1).getStartIndex() == all.get(last).getStopIndex() + 1) {
                        last++;
                    }
                    if (++badRuns <= MAX_BAD_CHARACTER_REPORTS) reportBadCharacters(file, t, all.get(last), diagnostics, badRuns);
                    i = last;
                }
                case DlmLexer.LPAREN, DlmLexer.LBRACK, DlmLexer.LBRACE -> {
                    if (t.getType() != DlmLexer.LBRACE) parens++;
                    if (++depth > MAX_NESTING) {
                        diagnostics.report(Diagnostic.error(Code.DLM0004, span(file, t),
                                        "brackets are nested more than " + MAX_NESTING + " levels deep")
                                .label("too deep")
                                .help("flatten the expression; dlm files never need deep nesting"));
                        return new DlmFile(file, List.of(), comments);
                    }
                }
                case DlmLexer.RPAREN, DlmLexer.RBRACK, DlmLexer.RBRACE -> {
                    depth = Math.max(0, depth - 1);
                    if (t.getType() != DlmLexer.RBRACE) parens = Math.max(0, parens - 1);
                }
                default -> { }
            }
        }
        // Bad characters are reported once above; the parser reads on as if they were absent.
        for (Token t : tokens.getTokens()) {
            if (t.getType() == DlmLexer.ERROR_CHAR && t instanceof org.antlr.v4.runtime.WritableToken w) {
                w.setChannel(Token.HIDDEN_CHANNEL);
            }
        }
        tokens.seek(0);

        DlmParser parser = new DlmParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener(file, diagnostics, linesWithLexErrors));
        DlmParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (StackOverflowError e) {
            diagnostics.report(Diagnostic.error(Code.DLM0004, densestLine(file), "this expression is nested too deeply to parse")
                    .help("flatten the expression; dlm files never need deep nesting"));
            return new DlmFile(file, List.of(), comments);
        }
        if (diagnostics.hasErrors()) return new DlmFile(file, List.of(), comments);
        return new AstBuilder(file).build(tree, comments);
    }

    /**
     * The line with the most tokens, as a span over its text: where an expression too long to
     * walk (tens of thousands of terms) most likely is, so DLM0004 points there rather than at 1:1.
     */
    public static dev.dlm.compiler.source.Span densestLine(SourceFile file) {
        DlmLexer lexer = new DlmLexer(CharStreams.fromString(file.text(), file.name()));
        lexer.removeErrorListeners();
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int best = 1;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            int line = file.lineOf(file.offsetOfCodePoint(t.getStartIndex()));
            int n = counts.merge(line, 1, Integer::sum);
            if (n > counts.getOrDefault(best, 0)) best = line;
        }
        int start = file.lineStart(best);
        return file.span(start, start + file.line(best).length());
    }

    static dev.dlm.compiler.source.Span span(SourceFile file, Token t) {
        if (t.getType() == Token.EOF) return file.end();
        int start = file.offsetOfCodePoint(t.getStartIndex());
        return file.span(start, Math.max(start, file.offsetOfCodePoint(t.getStopIndex() + 1)));
    }

    /** Bad characters reported per file; a binary file would otherwise print one error per byte. */
    static final int MAX_BAD_CHARACTER_REPORTS = 20;

    private static boolean isQuote(Token t) {
        return t.getText().equals("'") || t.getText().equals("\"");
    }

    private static void reportBadCharacters(SourceFile file, Token first, Token last, Diagnostics diagnostics, int run) {
        if (first != last) {
            int count = last.getStopIndex() - first.getStartIndex() + 1;
            var d = Diagnostic.error(Code.DLM0002, file.span(span(file, first).start(), span(file, last).end()),
                            count + " invalid characters in dlm source")
                    .label("not part of the language");
            if (run == MAX_BAD_CHARACTER_REPORTS) d.note("further invalid characters are not reported; is this a dlm file?");
            diagnostics.report(d);
            return;
        }
        reportBadCharacter(file, first, diagnostics, run == MAX_BAD_CHARACTER_REPORTS);
    }

    private static void reportBadCharacter(SourceFile file, Token t, Diagnostics diagnostics, boolean lastReported) {
        String c = t.getText();
        if (c.equals("'") || c.equals("\"")) {
            diagnostics.report(Diagnostic.error(Code.DLM0003, span(file, t), "string is not closed on this line")
                    .label("string starts here")
                    .help("add the closing " + c + " before the end of the line"));
            return;
        }
        String shown = c.codePoints().allMatch(cp -> cp >= 0x20 && cp != 0x7f)
                ? "`" + c + "`" : String.format("U+%04X", c.codePointAt(0));
        var d = Diagnostic.error(Code.DLM0002, span(file, t), "invalid character " + shown + " in dlm source")
                .label("not part of the language");
        if (c.equals("!")) d.help("`!=` compares for inequality; there is no `!` operator");
        else if (c.equals("&") || c.equals("|")) d.help("dlm has no logical operators; write one `expect` per condition");
        else if (c.equals("@")) d.help("dlm has no decorators or matrix operator");
        else if (c.equals(":")) d.help("use `=` for keyword arguments and settings, and `{ }` blocks instead of `:`");
        else if (c.equals("$") || Character.isLetter(c.codePointAt(0))) d.help("names use ASCII letters, digits and `_`");
        else if (c.equals("\uFEFF")) d.help("a byte order mark belongs only at the very start of a file; delete this one");
        if (lastReported) d.note("further invalid characters are not reported; is this a dlm file?");
        diagnostics.report(d);
    }

    /** Turns ANTLR's recognition errors into "expected X, found Y" diagnostics. */
    private static final class SyntaxErrorListener extends BaseErrorListener {
        private final SourceFile file;
        private final Diagnostics diagnostics;
        private final Set<Integer> skipLines;

        SyntaxErrorListener(SourceFile file, Diagnostics diagnostics, Set<Integer> skipLines) {
            this.file = file;
            this.diagnostics = diagnostics;
            this.skipLines = skipLines;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col,
                                String antlrMessage, RecognitionException e) {
            // One syntax error per line: what ANTLR reports after recovering on the same line is
            // almost always a consequence of the first.
            if (!skipLines.add(line)) return;
            Token t = (Token) offendingSymbol;
            DlmParser parser = (DlmParser) recognizer;
            IntervalSet expected = e != null && !(e instanceof NoViableAltException)
                    ? e.getExpectedTokens() : parser.getExpectedTokens();
            String found = describe(t);
            String wanted = describeExpected(expected);
            String message;
            if (e == null && antlrMessage.startsWith("missing ")) {
                message = "expected " + wanted + " before " + found;
            } else if (e == null && antlrMessage.startsWith("extraneous ")) {
                message = "unexpected " + found + "; expected " + wanted;
            } else if (e instanceof InputMismatchException || e instanceof NoViableAltException) {
                message = "expected " + wanted + ", found " + found;
            } else {
                message = "unexpected " + found;
            }
            Token unclosed = t.getType() == Token.EOF ? unclosedBracket(parser) : null;
            if (unclosed != null) {
                String close = switch (unclosed.getType()) {
                    case DlmLexer.LBRACE -> "}";
                    case DlmLexer.LBRACK -> "]";
                    default -> ")";
                };
                diagnostics.report(Diagnostic.error(Code.DLM0001, span(file, unclosed),
                                "this `" + unclosed.getText() + "` is never closed")
                        .label("opened here")
                        .note("the file ends before the matching `" + close + "`")
                        .help("add `" + close + "` where the block or list ends"));
                return;
            }
            boolean missingComma = (t.getType() == DlmLexer.ID || t.getType() == DlmLexer.INT || t.getType() == DlmLexer.FLOAT
                    || t.getType() == DlmLexer.STRING) && expected.contains(DlmLexer.RPAREN) && insideCall(parser, t);
            if (missingComma) message = "expected `,` or `)` before " + found;
            var d = Diagnostic.error(Code.DLM0001, span(file, t), message)
                    .label(t.getType() == Token.EOF ? "file ends here" : "unexpected here");
            if (missingComma) d.help("separate arguments with `,`");
            else if (t.getType() == DlmLexer.ASSIGN && followsExpect(parser, t)) d.help("`=` assigns; compare with `==`");
            else hint(t, expected, d);
            diagnostics.report(d);
        }

        /** The innermost bracket still open at the end of the file, if any. */
        private static Token unclosedBracket(DlmParser parser) {
            java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
            var stream = parser.getTokenStream();
            for (int i = 0; i < stream.size(); i++) {
                Token t = stream.get(i);
                if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
                switch (t.getType()) {
                    case DlmLexer.LPAREN, DlmLexer.LBRACK, DlmLexer.LBRACE -> open.push(t);
                    case DlmLexer.RPAREN, DlmLexer.RBRACK, DlmLexer.RBRACE -> { if (!open.isEmpty()) open.pop(); }
                    default -> { }
                }
            }
            return open.peek();
        }

        /** True when {@code t} stands inside an open {@code (} on its line: a call's argument list. */
        private static boolean insideCall(DlmParser parser, Token t) {
            var stream = parser.getTokenStream();
            int depth = 0;
            for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
                Token p = stream.get(i);
                if (p.getChannel() != Token.DEFAULT_CHANNEL) continue;
                if (p.getLine() != t.getLine()) return false; // on a new line, a missing `)` is likelier
                if (p.getType() == DlmLexer.RPAREN) depth++;
                else if (p.getType() == DlmLexer.LPAREN && depth-- == 0) return true;
                else if (p.getType() == DlmLexer.LBRACE || p.getType() == DlmLexer.RBRACE) return false;
            }
            return false;
        }

        /** True when {@code t} follows an {@code expect} on the same line. */
        private static boolean followsExpect(DlmParser parser, Token t) {
            var stream = parser.getTokenStream();
            for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
                Token p = stream.get(i);
                if (p.getLine() != t.getLine()) return false;
                if (p.getType() == DlmLexer.EXPECT) return true;
            }
            return false;
        }

        private static void hint(Token t, IntervalSet expected, Diagnostic.Builder d) {
            if (t.getType() == Token.EOF && (expected.contains(DlmLexer.RBRACE) || expected.contains(DlmLexer.RPAREN)
                    || expected.contains(DlmLexer.RBRACK))) {
                d.help("a bracket opened earlier is never closed");
            } else if (t.getType() == DlmLexer.ASSIGN && expected.contains(DlmLexer.EQ)) {
                d.help("`=` assigns; compare with `==`");
            } else if (t.getType() == DlmLexer.ID && expected.contains(DlmLexer.COMMA)) {
                d.help("separate arguments with `,`");
            } else if (t.getType() == DlmLexer.LBRACE && expected.contains(DlmLexer.LPAREN)) {
                d.help("a model declares its input first: `model name(input=[784]) { ... }`");
            }
        }

        static String describe(Token t) {
            if (t.getType() == Token.EOF) return "end of file";
            String text = t.getText();
            return switch (t.getType()) {
                case DlmLexer.ID -> "name `" + text + "`";
                case DlmLexer.INT, DlmLexer.FLOAT -> "number `" + text + "`";
                case DlmLexer.STRING -> "string " + text;
                default -> Character.isLetter(text.charAt(0)) ? "keyword `" + text + "`" : "`" + text + "`";
            };
        }

        static String describeExpected(IntervalSet set) {
            Set<String> names = new TreeSet<>();
            boolean expression = false;
            boolean operator = false;
            for (int type : set.toList()) {
                switch (type) {
                    case DlmLexer.EQ, DlmLexer.NE, DlmLexer.LT, DlmLexer.LE, DlmLexer.GT, DlmLexer.GE, DlmLexer.STAR,
                         DlmLexer.SLASH, DlmLexer.PERCENT, DlmLexer.POW, DlmLexer.DOT -> operator = true;
                    case DlmLexer.INT, DlmLexer.FLOAT, DlmLexer.STRING, DlmLexer.LBRACK, DlmLexer.MINUS, DlmLexer.PLUS,
                         DlmLexer.TRUE, DlmLexer.FALSE, DlmLexer.NONE -> expression = true;
                    case DlmLexer.ID -> names.add("a name");
                    case Token.EOF -> names.add("end of file");
                    default -> {
                        String lit = DlmLexer.VOCABULARY.getLiteralName(type);
                        if (lit != null) names.add("`" + lit.substring(1, lit.length() - 1) + "`");
                    }
                }
            }
            if (expression) {
                names.removeIf(n -> n.equals("`(`") || n.equals("a name"));
                names.add("a value");
            }
            if (set.contains(DlmLexer.LET) && set.contains(DlmLexer.MODEL)) {
                return "an item (`let`, `data`, `model`, `train`, `expect` or `sweep`)";
            }
            List<String> list = new ArrayList<>(names);
            if (list.isEmpty()) return operator ? "an operator" : "something else";
            if (list.size() == 1) return list.get(0);
            return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
        }
    }
}
