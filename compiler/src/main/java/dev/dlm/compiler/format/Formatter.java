package dev.dlm.compiler.format;

import dev.dlm.compiler.ast.Arg;
import dev.dlm.compiler.ast.BodyItem;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.ast.Node;
import dev.dlm.compiler.source.SourceFile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a parsed file in dlm's canonical layout: one item per line, one layer per line,
 * 4-space indentation, {@code key = value} settings with aligned {@code =}, single spaces
 * around binary operators, and every comment kept on the line it annotated (trailing
 * comments of neighbouring lines aligned, as gofmt aligns them). Literals keep their
 * spelling ({@code 269_322}, {@code 'relu'}), so formatting never changes the AST.
 */
public final class Formatter {

    private static final String INDENT = "    ";

    private final SourceFile source;
    private final List<DlmFile.Comment> comments;
    private int nextComment;
    private final List<Line> lines = new ArrayList<>();

    /** One output line: code, and the trailing comment that belongs after it (or null). */
    private static final class Line {
        final String code;
        String comment;

        Line(String code) { this.code = code; }
    }

    private Formatter(DlmFile file) {
        this.source = file.source();
        this.comments = file.comments();
    }

    /** The canonical text of a file that parsed without errors. */
    public static String format(DlmFile file) {
        return new Formatter(file).run(file);
    }

    private String run(DlmFile file) {
        Item previous = null;
        for (Item item : file.items()) {
            if (previous != null && (blankLineBetween(previous, item) || !sameKind(previous, item))) blank();
            leadingComments(item.span().start(), "");
            if (!lines.isEmpty() && lines.get(lines.size() - 1).comment != null) {
                int line = source.lineOf(item.span().start());
                if (line > 1 && source.line(line - 1).isBlank()) blank();
            }
            item(item);
            previous = item;
        }
        // Comments after the last item.
        if (nextComment < comments.size() && !lines.isEmpty()
                && source.lineOf(comments.get(nextComment).span().start()) > source.lineOf(lastEnd(file)) + 1) {
            blank();
        }
        leadingComments(Integer.MAX_VALUE, "");
        return render();
    }

    private static int lastEnd(DlmFile file) {
        return file.items().isEmpty() ? 0 : file.items().get(file.items().size() - 1).span().end();
    }

    private static boolean sameKind(Item a, Item b) {
        return a.getClass() == b.getClass() && (a instanceof Item.Let || a instanceof Item.Expect);
    }

    /** True when the source had an empty line between two items (comments between them count as content). */
    private boolean blankLineBetween(Node a, Node b) {
        int from = source.lineOf(a.span().end());
        int to = source.lineOf(b.span().start());
        for (int line = from + 1; line < to; line++) {
            if (source.line(line).isBlank()) return true;
        }
        return false;
    }

    private void item(Item item) {
        if (item instanceof Item.Let let) {
            emit(item, "let " + let.name() + " = " + expr(let.value()));
        } else if (item instanceof Item.Data data) {
            emit(item, "data " + expr(data.source()));
        } else if (item instanceof Item.Expect e) {
            emit(item, "expect " + expr(e.condition()));
        } else if (item instanceof Item.Model m) {
            String header = "model " + m.name() + (m.args().isEmpty() ? "" : "(" + args(m.args()) + ")") + " {";
            openBlock(item, header);
            BodyItem before = null;
            for (BodyItem b : m.body()) {
                // A functional body keeps the author's empty lines (between branches, say).
                if (before instanceof BodyItem.Assign && b instanceof BodyItem.Assign && blankLineBetween(before, b)) blank();
                leadingComments(b.span().start(), INDENT);
                emit(b, INDENT + bodyItem(b));
                before = b;
            }
            closeBlock(item);
        } else if (item instanceof Item.Train t) {
            openBlock(item, "train {");
            settings(t.settings(), " = ");
            closeBlock(item);
        } else if (item instanceof Item.Sweep s) {
            openBlock(item, "sweep {");
            settings(s.axes(), " in ");
            closeBlock(item);
        }
    }

    private void settings(List<Item.Setting> settings, String op) {
        int width = settings.stream().mapToInt(s -> s.key().length()).max().orElse(0);
        for (Item.Setting s : settings) {
            leadingComments(s.span().start(), INDENT);
            String key = s.key() + " ".repeat(width - s.key().length());
            emit(s, INDENT + key + op + expr(s.value()));
        }
    }

    /** Emits a block's first line; a comment on the header's line trails it. */
    private void openBlock(Item item, String header) {
        Line line = new Line(header);
        lines.add(line);
        int headerLine = source.lineOf(item.span().start());
        trailing(line, headerLine, firstInnerStart(item));
    }

    private int firstInnerStart(Item item) {
        List<? extends Node> inner = item instanceof Item.Model m ? m.body()
                : item instanceof Item.Train t ? t.settings() : ((Item.Sweep) item).axes();
        return inner.isEmpty() ? item.span().end() - 1 : inner.get(0).span().start();
    }

    private void closeBlock(Item item) {
        leadingComments(item.span().end() - 1, INDENT);
        emit(item, "}", item.span().end());
    }

    private void emit(Node node, String code) {
        emit(node, code, node.span().end());
    }

    /** Adds a line of code, with the comment that follows it on the same source line, if any. */
    private void emit(Node node, String code, int end) {
        int endLine = source.lineOf(Math.max(node.span().start(), end - 1));
        // Comments inside the node's span (a call or list written over several lines) go on
        // their own lines above it, in their order: joined onto one line they would become a
        // single comment (a comment runs to the end of its line), and an author's separate
        // notes would be merged for good.
        String indent = code.substring(0, code.length() - code.stripLeading().length());
        while (nextComment < comments.size() && comments.get(nextComment).span().start() < end) {
            Line above = new Line(indent);
            above.comment = comments.get(nextComment++).text().stripTrailing();
            lines.add(above);
        }
        Line line = new Line(code);
        lines.add(line);
        // A comment trails this line only if nothing but `;` stands between the node and it.
        if (nextComment < comments.size()) {
            int c = comments.get(nextComment).span().start();
            if (c >= end && source.text().substring(end, c).chars().allMatch(ch -> ch == ';' || ch == ' ' || ch == '\t')) {
                trailing(line, endLine, Integer.MAX_VALUE);
            }
        }
    }

    private void trailing(Line line, int sourceLine, int before) {
        if (nextComment < comments.size()) {
            DlmFile.Comment c = comments.get(nextComment);
            if (source.lineOf(c.span().start()) == sourceLine && c.span().start() < before) {
                line.comment = c.text().stripTrailing();
                nextComment++;
            }
        }
    }

    /** Comments on their own lines before {@code offset}, at the given indentation. */
    private void leadingComments(int offset, String indent) {
        while (nextComment < comments.size() && comments.get(nextComment).span().start() < offset) {
            DlmFile.Comment c = comments.get(nextComment++);
            int line = source.lineOf(c.span().start());
            // Keep one empty line where the author separated a comment from what came before it
            // (code or another comment; blank() never doubles an empty line).
            if (!lines.isEmpty() && line > 1 && source.line(line - 1).isBlank()
                    && !lines.get(lines.size() - 1).code.endsWith("{")) {
                blank();
            }
            Line l = new Line(indent);
            l.comment = c.text().stripTrailing();
            lines.add(l);
        }
    }

    private void blank() {
        if (!lines.isEmpty() && !(lines.get(lines.size() - 1).code.isEmpty() && lines.get(lines.size() - 1).comment == null)) {
            lines.add(new Line(""));
        }
    }

    /** Joins the lines, aligning the trailing comments of each run of neighbouring commented lines. */
    private String render() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            Line l = lines.get(i);
            if (l.comment == null || l.code.isBlank()) {
                sb.append(l.comment == null ? l.code.stripTrailing() : l.code + l.comment).append('\n');
                i++;
                continue;
            }
            int j = i;
            int width = 0;
            while (j < lines.size() && lines.get(j).comment != null && !lines.get(j).code.isBlank()) {
                width = Math.max(width, lines.get(j).code.length());
                j++;
            }
            for (int k = i; k < j; k++) {
                Line x = lines.get(k);
                sb.append(x.code).append(" ".repeat(width - x.code.length() + 2)).append(x.comment).append('\n');
            }
            i = j;
        }
        return sb.toString();
    }

    /** {@code Dense(10)}, {@code y = Dense(10)(x)}, {@code z = Concatenate()([a, b])}, {@code s = Dense(4)}. */
    static String bodyItem(BodyItem b) {
        if (b instanceof BodyItem.Assign a) {
            return a.target() + " = " + expr(a.call()) + (a.applied() == null ? "" : "(" + expr(a.applied()) + ")");
        }
        return expr(((BodyItem.Layer) b).call());
    }

    // ---- expressions ------------------------------------------------------------------------

    static String args(List<Arg> args) {
        return args.stream().map(a -> (a.positional() ? "" : a.name() + "=") + expr(a.value())).collect(Collectors.joining(", "));
    }

    /** An expression in canonical spacing; literals exactly as written. */
    public static String expr(Expr e) {
        if (e instanceof Expr.Call c) return c.callee() + "(" + args(c.args()) + ")";
        if (e instanceof Expr.Member m) return expr(m.target()) + "." + m.member();
        if (e instanceof Expr.Binary b) return expr(b.left()) + " " + b.op() + " " + expr(b.right());
        if (e instanceof Expr.Unary u) return u.op() + expr(u.operand());
        if (e instanceof Expr.Paren p) return "(" + expr(p.inner()) + ")";
        if (e instanceof Expr.Sequence s) {
            String inner = s.items().stream().map(Formatter::expr).collect(Collectors.joining(", "));
            return s.tuple() ? "(" + inner + (s.items().size() == 1 ? ",)" : ")") : "[" + inner + "]";
        }
        if (e instanceof Expr.BoolLit b) return b.text();
        if (e instanceof Expr.NoneLit n) return n.text();
        if (e instanceof Expr.IntLit i) return i.text();
        if (e instanceof Expr.FloatLit f) return f.text();
        if (e instanceof Expr.StringLit s) return s.text();
        if (e instanceof Expr.Name n) return n.name();
        throw new IllegalStateException("unhandled expression " + e.getClass().getSimpleName());
    }
}
