package dev.dlm.compiler.parse;

import dev.dlm.compiler.ast.Arg;
import dev.dlm.compiler.ast.BodyItem;
import dev.dlm.compiler.ast.DlmFile;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.source.Span;
import dev.dlm.grammar.DlmParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the immutable AST from a parse tree that had no syntax errors. Reads labelled
 * elements only ({@code ctx.name}, {@code ctx.value}), never children by index.
 */
final class AstBuilder {

    private final SourceFile file;

    AstBuilder(SourceFile file) {
        this.file = file;
    }

    DlmFile build(DlmParser.FileContext tree, List<DlmFile.Comment> comments) {
        List<Item> items = new ArrayList<>();
        for (DlmParser.TopItemContext ctx : tree.items) items.add(item(ctx));
        return new DlmFile(file, items, comments);
    }

    private Item item(DlmParser.TopItemContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof DlmParser.LetItemContext c) {
            return new Item.Let(c.name.getText(), span(c.name), expr(c.value), span);
        }
        if (ctx instanceof DlmParser.DataItemContext c) {
            return new Item.Data(expr(c.source), span);
        }
        if (ctx instanceof DlmParser.ModelItemContext c) {
            List<BodyItem> body = new ArrayList<>();
            for (DlmParser.BodyItemContext b : c.body.items) {
                if (b instanceof DlmParser.LayerItemContext l) {
                    Span whole = l.condition == null ? span(l.layer) : file.span(span(l.layer).start(), span(l.condition).end());
                    body.add(new BodyItem.Layer(call(l.layer), l.condition == null ? null : expr(l.condition), whole));
                }
                else if (b instanceof DlmParser.AssignItemContext a) {
                    // The item's span ends at its last parenthesis, not at a trailing `;`.
                    Span last = a.applied == null ? span(a.layer) : span(a.RPAREN().getSymbol());
                    body.add(new BodyItem.Assign(a.target.getText(), span(a.target), call(a.layer),
                            a.applied == null ? null : expr(a.applied), file.span(span(a.target).start(), last.end())));
                }
            }
            return new Item.Model(c.name.getText(), span(c.name), args(c.args), body, span);
        }
        if (ctx instanceof DlmParser.TrainItemContext c) {
            List<Item.Setting> settings = new ArrayList<>();
            for (DlmParser.SettingContext s : c.body.entries) {
                settings.add(new Item.Setting(s.key.getText(), span(s.key), expr(s.value), span(s)));
            }
            return new Item.Train(settings, span);
        }
        if (ctx instanceof DlmParser.ExpectItemContext c) {
            return new Item.Expect(expr(c.condition), span);
        }
        if (ctx instanceof DlmParser.SweepItemContext c) {
            List<Item.Setting> axes = new ArrayList<>();
            List<Item.Cell> cells = new ArrayList<>();
            for (DlmParser.SweepEntryContext e : c.entries) {
                if (e instanceof DlmParser.SweepAxisContext a) {
                    axes.add(new Item.Setting(a.name.getText(), span(a.name), expr(a.values), span(a)));
                } else if (e instanceof DlmParser.SweepCellContext cell) {
                    cells.add(cell(cell));
                }
            }
            return new Item.Sweep(axes, cells, span);
        }
        throw new IllegalStateException("unhandled item " + ctx.getClass().getSimpleName());
    }

    private Item.Cell cell(DlmParser.SweepCellContext c) {
        List<Item.Setting> bindings = new ArrayList<>();
        List<Item.Expect> expects = new ArrayList<>();
        List<Item.Reference> references = new ArrayList<>();
        for (DlmParser.CellEntryContext e : c.entries) {
            if (e instanceof DlmParser.CellBindingContext b) {
                bindings.add(new Item.Setting(b.key.getText(), span(b.key), expr(b.value), span(b)));
            } else if (e instanceof DlmParser.CellExpectContext x) {
                expects.add(new Item.Expect(expr(x.condition), span(x)));
            } else if (e instanceof DlmParser.CellReferenceContext r) {
                for (DlmParser.ReferenceContext ref : r.refs) {
                    Span key = file.span(span(ref.split).start(), span(ref.metric).end());
                    references.add(new Item.Reference(key.text(), key, expr(ref.value), span(ref)));
                }
            }
        }
        String label = c.label == null ? null : unquote(c.label.getText());
        return new Item.Cell(label, c.label == null ? null : span(c.label), bindings, expects, references, span(c));
    }

    private Expr.Call call(DlmParser.CallContext c) {
        return new Expr.Call(c.callee.getText(), span(c.callee), args(c.args), span(c));
    }

    private List<Arg> args(DlmParser.ArgListContext list) {
        List<Arg> out = new ArrayList<>();
        if (list == null) return out;
        for (DlmParser.ArgContext a : list.items) {
            out.add(a.name == null
                    ? new Arg(null, null, expr(a.value), span(a))
                    : new Arg(a.name.getText(), span(a.name), expr(a.value), span(a)));
        }
        return out;
    }

    private List<Expr> exprs(List<DlmParser.ExprContext> items) {
        List<Expr> out = new ArrayList<>(items.size());
        for (DlmParser.ExprContext e : items) out.add(expr(e));
        return out;
    }

    private Expr expr(DlmParser.ExprContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof DlmParser.CallExprContext c) return call(c.call());
        if (ctx instanceof DlmParser.MemberExprContext c) {
            return new Expr.Member(expr(c.target), c.member.getText(), span(c.member), span);
        }
        if (ctx instanceof DlmParser.PowerExprContext c) return new Expr.Binary("**", expr(c.left), expr(c.right), span);
        if (ctx instanceof DlmParser.MulExprContext c) return new Expr.Binary(c.op.getText(), expr(c.left), expr(c.right), span);
        if (ctx instanceof DlmParser.AddExprContext c) return new Expr.Binary(c.op.getText(), expr(c.left), expr(c.right), span);
        if (ctx instanceof DlmParser.CompareExprContext c) return new Expr.Binary(c.op.getText(), expr(c.left), expr(c.right), span);
        if (ctx instanceof DlmParser.UnaryExprContext c) return new Expr.Unary(c.op.getText(), expr(c.operand), span);
        if (ctx instanceof DlmParser.ParenExprContext c) return new Expr.Paren(expr(c.inner), span);
        if (ctx instanceof DlmParser.TupleExprContext c) return new Expr.Sequence(exprs(c.items), true, span);
        if (ctx instanceof DlmParser.ListExprContext c) return new Expr.Sequence(exprs(c.items), false, span);
        if (ctx instanceof DlmParser.BoolExprContext c) {
            return new Expr.BoolLit(c.value.getType() == DlmParser.TRUE, c.value.getText(), span);
        }
        if (ctx instanceof DlmParser.NoneExprContext) return new Expr.NoneLit(ctx.getText(), span);
        if (ctx instanceof DlmParser.IntExprContext c) return new Expr.IntLit(c.value.getText(), span);
        if (ctx instanceof DlmParser.FloatExprContext c) return new Expr.FloatLit(c.value.getText(), span);
        if (ctx instanceof DlmParser.StringExprContext c) {
            return new Expr.StringLit(unquote(c.value.getText()), c.value.getText(), span);
        }
        if (ctx instanceof DlmParser.NameExprContext c) return new Expr.Name(c.name.getText(), span);
        throw new IllegalStateException("unhandled expression " + ctx.getClass().getSimpleName());
    }

    /** Strips the quotes and resolves Python's common escapes. */
    static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\\') < 0) return body;
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                sb.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }

    private Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        int s = start.getStartIndex();
        int e = stop == null || stop.getStopIndex() < s ? s : stop.getStopIndex() + 1;
        return file.span(file.offsetOfCodePoint(s), file.offsetOfCodePoint(e));
    }

    private Span span(Token t) {
        return Parser.span(file, t);
    }
}
