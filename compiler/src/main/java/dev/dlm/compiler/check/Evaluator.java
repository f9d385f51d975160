package dev.dlm.compiler.check;

import dev.dlm.compiler.ast.Arg;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Diagnostics;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.value.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions to compile-time values. A name bound by {@code let} evaluates to its
 * value; any other bare name is a {@link Value.Symbol} (Keras lets strings be bare:
 * {@code relu}, {@code adam}), which becomes an "unknown name" error only where a number is
 * needed. Arithmetic is checked: integer overflow and division by zero are diagnostics.
 */
public final class Evaluator {

    private final Diagnostics diagnostics;
    private final Map<String, Value> constants = new LinkedHashMap<>();

    public Evaluator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public Map<String, Value> constants() { return constants; }

    public void define(String name, Value value) { constants.put(name, value); }

    public Value eval(Expr e) {
        if (e instanceof Expr.IntLit i) return intLiteral(i);
        if (e instanceof Expr.FloatLit f) return floatLiteral(f);
        if (e instanceof Expr.StringLit s) return new Value.Str(s.value(), s.span());
        if (e instanceof Expr.BoolLit b) return new Value.Bool(b.value(), b.span());
        if (e instanceof Expr.NoneLit n) return new Value.None(n.span());
        if (e instanceof Expr.Name n) {
            Value v = constants.get(n.name());
            return v == null ? new Value.Symbol(n.name(), n.span()) : relocate(v, n);
        }
        if (e instanceof Expr.Paren p) return eval(p.inner());
        if (e instanceof Expr.Sequence s) {
            List<Value> items = new ArrayList<>();
            for (Expr item : s.items()) items.add(eval(item));
            return new Value.Seq(items, s.tuple(), s.span());
        }
        if (e instanceof Expr.Call c) {
            List<Value.Argument> args = new ArrayList<>();
            for (Arg a : c.args()) args.add(new Value.Argument(a.name(), a.nameSpan(), eval(a.value())));
            return new Value.Call(c.callee(), c.calleeSpan(), args, c.span());
        }
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        diagnostics.report(Diagnostic.error(Code.DLM0201, e.span(), "`" + e.span().text() + "` is not a value here")
                .help("member access such as `test.accuracy` is only meaningful in `expect`"));
        return new Value.Error(e.span());
    }

    /** A constant's value, re-spanned to the place it is used so errors point at the use. */
    private static Value relocate(Value v, Expr.Name use) {
        if (v instanceof Value.Int i) return new Value.Int(i.value(), use.span());
        if (v instanceof Value.Float f) return new Value.Float(f.value(), use.span());
        if (v instanceof Value.Str s) return new Value.Str(s.value(), use.span());
        if (v instanceof Value.Bool b) return new Value.Bool(b.value(), use.span());
        return v;
    }

    private Value intLiteral(Expr.IntLit i) {
        BigInteger big = new BigInteger(i.text().replace("_", ""));
        if (big.bitLength() > 63) {
            diagnostics.report(Diagnostic.error(Code.DLM0005, i.span(), "integer `" + i.text() + "` is too large")
                    .label("larger than " + String.format("%,d", Long.MAX_VALUE))
                    .help("integers must fit in 64 bits"));
            return new Value.Error(i.span());
        }
        return new Value.Int(big.longValue(), i.span());
    }

    private Value floatLiteral(Expr.FloatLit f) {
        double d = Double.parseDouble(f.text().replace("_", ""));
        if (Double.isInfinite(d)) {
            diagnostics.report(Diagnostic.error(Code.DLM0005, f.span(), "number `" + f.text() + "` is too large")
                    .label("overflows a 64-bit float"));
            return new Value.Error(f.span());
        }
        return new Value.Float(d, f.span());
    }

    private Value unary(Expr.Unary u) {
        Value v = eval(u.operand());
        if (v instanceof Value.Error) return v;
        boolean neg = u.op().equals("-");
        if (v instanceof Value.Int i) {
            if (neg && i.value() == Long.MIN_VALUE) return overflow(u);
            return new Value.Int(neg ? -i.value() : i.value(), u.span());
        }
        if (v instanceof Value.Float f) return new Value.Float(neg ? -f.value() : f.value(), u.span());
        return notANumber(v, u.op());
    }

    private Value binary(Expr.Binary b) {
        Value l = eval(b.left());
        Value r = eval(b.right());
        if (l instanceof Value.Error || r instanceof Value.Error) return new Value.Error(b.span());
        String op = b.op();
        if (op.equals("==") || op.equals("!=")) {
            boolean eq = equal(l, r);
            return new Value.Bool(op.equals("==") == eq, b.span());
        }
        if (!(l instanceof Value.Int || l instanceof Value.Float)) return notANumber(l, op);
        if (!(r instanceof Value.Int || r instanceof Value.Float)) return notANumber(r, op);
        if (l instanceof Value.Int li && r instanceof Value.Int ri) {
            long x = li.value(), y = ri.value();
            try {
                return switch (op) {
                    case "+" -> new Value.Int(Math.addExact(x, y), b.span());
                    case "-" -> new Value.Int(Math.subtractExact(x, y), b.span());
                    case "*" -> new Value.Int(Math.multiplyExact(x, y), b.span());
                    case "%" -> y == 0 ? divisionByZero(b) : new Value.Int(Math.floorMod(x, y), b.span());
                    case "/" -> y == 0 ? divisionByZero(b) : new Value.Float((double) x / y, b.span());
                    case "**" -> y >= 0 ? new Value.Int(power(x, y), b.span())
                            : x == 0 ? divisionByZero(b) : new Value.Float(Math.pow(x, y), b.span());
                    default -> compare(op, x, y, b);
                };
            } catch (ArithmeticException e) {
                return overflow(b);
            }
        }
        double x = number(l), y = number(r);
        Value out = switch (op) {
            case "+" -> new Value.Float(x + y, b.span());
            case "-" -> new Value.Float(x - y, b.span());
            case "*" -> new Value.Float(x * y, b.span());
            case "/" -> y == 0 ? divisionByZero(b) : new Value.Float(x / y, b.span());
            case "%" -> y == 0 ? divisionByZero(b) : new Value.Float(x - Math.floor(x / y) * y, b.span());
            case "**" -> x == 0 && y < 0 ? divisionByZero(b) : new Value.Float(Math.pow(x, y), b.span());
            default -> compare(op, x, y, b);
        };
        if (out instanceof Value.Float f && !Double.isFinite(f.value())) return overflow(b);
        return out;
    }

    /** {@code base ** exp} by squaring, overflow-checked; O(log exp) even for huge exponents. */
    static long power(long base, long exp) {
        if (base == 0 || base == 1) return exp == 0 ? 1 : base;
        if (base == -1) return exp % 2 == 0 ? 1 : -1;
        long result = 1;
        long b = base;
        long e = exp;
        while (true) {
            if ((e & 1) == 1) result = Math.multiplyExact(result, b);
            e >>= 1;
            if (e == 0) return result;
            b = Math.multiplyExact(b, b);
        }
    }

    private static Value compare(String op, double x, double y, Expr.Binary b) {
        boolean r = switch (op) {
            case "<" -> x < y;
            case "<=" -> x <= y;
            case ">" -> x > y;
            case ">=" -> x >= y;
            default -> throw new IllegalStateException(op);
        };
        return new Value.Bool(r, b.span());
    }

    static double number(Value v) {
        return v instanceof Value.Int i ? i.value() : ((Value.Float) v).value();
    }

    /** Structural equality of values, numbers compared by value (2 == 2.0). */
    public static boolean equal(Value a, Value b) {
        if ((a instanceof Value.Int || a instanceof Value.Float) && (b instanceof Value.Int || b instanceof Value.Float)) {
            return number(a) == number(b);
        }
        if (a instanceof Value.Seq sa && b instanceof Value.Seq sb) {
            if (sa.items().size() != sb.items().size()) return false;
            for (int i = 0; i < sa.items().size(); i++) if (!equal(sa.items().get(i), sb.items().get(i))) return false;
            return true;
        }
        return a.toString().equals(b.toString());
    }

    private Value divisionByZero(Expr.Binary b) {
        diagnostics.report(Diagnostic.error(Code.DLM0204, b.span(), "division by zero")
                .label(b.op().equals("**") ? "0 to a negative power" : "the right side is 0"));
        return new Value.Error(b.span());
    }

    private Value overflow(Expr e) {
        diagnostics.report(Diagnostic.error(Code.DLM0204, e.span(), "arithmetic overflow")
                .label("the result does not fit in 64 bits"));
        return new Value.Error(e.span());
    }

    private Value notANumber(Value v, String op) {
        if (v instanceof Value.Symbol s) {
            reportUnknownName(s);
        } else {
            diagnostics.report(Diagnostic.error(Code.DLM0201, v.span(),
                    "`" + op + "` needs numbers, found " + v.typeName() + " `" + v + "`"));
        }
        return new Value.Error(v.span());
    }

    /** Reports a bare name that should have been a constant. */
    public void reportUnknownName(Value.Symbol s) {
        var d = Diagnostic.error(Code.DLM0101, s.span(), "unknown name `" + s.name() + "`")
                .label("not defined by any `let`");
        String hint = Names.didYouMean(s.name(), constants.keySet());
        d.help(hint != null ? hint : "define it first: `let " + s.name() + " = ...`");
        diagnostics.report(d);
    }
}
