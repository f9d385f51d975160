package dev.dlm.compiler.layers;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Names;
import dev.dlm.compiler.ir.Activation;
import dev.dlm.compiler.ir.Initializer;
import dev.dlm.compiler.ir.Regularizer;
import dev.dlm.compiler.value.Value;
import dev.dlm.compiler.value.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The type of a layer argument: checks a value and normalizes it to the plain Java value the
 * IR stores ({@link dev.dlm.compiler.ir.LayerConfig}). A failed conversion reports a
 * diagnostic at the value and returns null.
 */
public abstract class ArgType {

    private final String description;

    protected ArgType(String description) { this.description = description; }

    /** How the type reads in messages: "a positive int", "a float in [0, 1)". */
    public String description() { return description; }

    /** The values a string argument of this type may take, for completion; empty for other types. */
    public List<String> choices() { return List.of(); }

    /** Converts {@code v}; reports and returns null when it does not fit. */
    public abstract Object convert(Value v, ArgSite site);

    /** Where an argument is being converted: its layer, name and a diagnostics sink. */
    public interface ArgSite {
        String owner();

        String argName();

        void report(Diagnostic.Builder d);

        void unknownName(Value.Symbol s);
    }

    // ---- the types ------------------------------------------------------------------------

    public static ArgType integer(long min) {
        String desc = min == 1 ? "a positive int" : min == 0 ? "a non-negative int" : "an int >= " + min;
        return new ArgType(desc) {
            @Override public Object convert(Value v, ArgSite site) {
                Long n = toLong(v, site, this);
                if (n == null) return null;
                if (n < min) {
                    site.report(Diagnostic.error(Code.DLM0202, v.span(),
                                    "`" + site.argName() + "` of " + site.owner() + " must be " + description() + ", found " + n)
                            .label(n < 0 ? "negative" : "too small"));
                    return null;
                }
                return n;
            }
        };
    }

    public static final ArgType POSITIVE_INT = integer(1);
    public static final ArgType ANY_INT = integer(Long.MIN_VALUE);

    /** A float in {@code [lo, hi)} (or {@code [lo, hi]} when {@code closed}). */
    public static ArgType number(double lo, double hi, boolean closed) {
        String desc = Double.isInfinite(hi) ? (lo == Double.NEGATIVE_INFINITY ? "a number" : "a number >= " + fmt(lo))
                : "a number in [" + fmt(lo) + ", " + fmt(hi) + (closed ? "]" : ")");
        return new ArgType(desc) {
            @Override public Object convert(Value v, ArgSite site) {
                Double d = toDouble(v, site, this);
                if (d == null) return null;
                if (d < lo || d > hi || (!closed && d == hi)) {
                    var diag = Diagnostic.error(Code.DLM0202, v.span(),
                                    "`" + site.argName() + "` of " + site.owner() + " must be " + description() + ", found " + v)
                            .label("out of range");
                    if (lo == 0 && hi == 1 && d == Math.rint(d) && d > 1 && d < 100) diag.help("rates are fractions: " + v + "% is " + Values.formatFloat(d / 100));
                    site.report(diag);
                    return null;
                }
                return d;
            }
        };
    }

    private static String fmt(double d) { return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d); }

    public static final ArgType RATE = number(0, 1, false);
    public static final ArgType NUMBER = number(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
    public static final ArgType NON_NEGATIVE = number(0, Double.POSITIVE_INFINITY, true);

    public static final ArgType BOOL = new ArgType("True or False") {
        @Override public Object convert(Value v, ArgSite site) {
            if (v instanceof Value.Bool b) return b.value();
            return mismatch(v, site, this);
        }
    };

    public static final ArgType STRING = new ArgType("a string") {
        @Override public Object convert(Value v, ArgSite site) {
            if (v instanceof Value.Str s) return s.value();
            if (v instanceof Value.Symbol s) return s.name();
            return mismatch(v, site, this);
        }
    };

    /** A string, or a non-empty list of distinct strings (CSV label columns); converts to a {@code List<String>}. */
    public static final ArgType STRINGS = new ArgType("a string or a list of strings") {
        @Override public Object convert(Value v, ArgSite site) {
            if (!(v instanceof Value.Seq seq)) {
                Object one = STRING.convert(v, site);
                return one == null ? null : List.of((String) one);
            }
            if (seq.items().isEmpty()) return mismatch(v, site, this);
            List<String> out = new ArrayList<>();
            for (Value item : seq.items()) {
                Object one = STRING.convert(item, site);
                if (one == null) return null;
                if (out.contains(one)) {
                    site.report(Diagnostic.error(Code.DLM0203, item.span(),
                            "`" + site.argName() + "` of " + site.owner() + " names `" + one + "` twice").label("named again here"));
                    return null;
                }
                out.add((String) one);
            }
            return List.copyOf(out);
        }
    };

    /** One of a fixed set of strings, matched case-insensitively (Keras lower-cases padding). */
    public static ArgType choice(String... options) {
        List<String> opts = List.of(options);
        return new ArgType("one of " + quoteAll(opts)) {
            @Override public List<String> choices() { return opts; }

            @Override public Object convert(Value v, ArgSite site) {
                String s;
                if (v instanceof Value.Str str) s = str.value();
                else if (v instanceof Value.Symbol sym) s = sym.name();
                else if (v instanceof Value.None && opts.contains("none")) return "none";
                else return mismatch(v, site, this);
                String lower = s.toLowerCase(Locale.ROOT);
                if (opts.contains(lower)) return lower;
                var d = Diagnostic.error(Code.DLM0203, v.span(),
                        "`" + site.argName() + "` of " + site.owner() + " must be " + description() + ", found `" + s + "`")
                        .label("not a valid choice");
                String hint = Names.didYouMean(s, opts);
                if (hint != null) d.help(hint);
                site.report(d);
                return null;
            }
        };
    }

    public static final ArgType ACTIVATION = new ArgType("an activation name") {
        @Override public List<String> choices() { return Catalogs.ACTIVATIONS; }

        @Override public Object convert(Value v, ArgSite site) {
            if (v instanceof Value.None) return Activation.LINEAR;
            String s;
            if (v instanceof Value.Str str) s = str.value();
            else if (v instanceof Value.Symbol sym) s = sym.name();
            else return mismatch(v, site, this);
            Activation canonical = Catalogs.activation(s);
            if (canonical != null) return canonical;
            var d = Diagnostic.error(Code.DLM0107, v.span(), "unknown activation `" + s + "`")
                    .label("not a Keras activation");
            String hint = Names.didYouMean(s, Catalogs.ACTIVATIONS);
            d.help(hint != null ? hint : "known activations: " + String.join(", ", Catalogs.ACTIVATIONS));
            site.report(d);
            return null;
        }
    };

    public static final ArgType INITIALIZER = new ArgType("an initializer name") {
        @Override public List<String> choices() { return List.copyOf(Catalogs.INITIALIZERS.keySet()); }

        @Override public Object convert(Value v, ArgSite site) {
            String s;
            if (v instanceof Value.Str str) s = str.value();
            else if (v instanceof Value.Symbol sym) s = sym.name();
            else return mismatch(v, site, this);
            Initializer init = Catalogs.initializer(s);
            if (init != null) return init;
            var d = Diagnostic.error(Code.DLM0115, v.span(), "unknown initializer `" + s + "`")
                    .label("not a Keras initializer");
            String hint = Names.didYouMean(s, Catalogs.INITIALIZERS.keySet());
            d.help(hint != null ? hint : "known initializers: " + String.join(", ", Catalogs.INITIALIZERS.keySet()));
            site.report(d);
            return null;
        }
    };

    /** {@code l2(0.001)}, {@code l1(0.01)}, {@code l1_l2(l1=0.01, l2=0.01)}, bare {@code 'l2'} (factor 0.01), or None. */
    public static final ArgType REGULARIZER = new ArgType("a regularizer: l1(x), l2(x) or l1_l2(l1=x, l2=y)") {
        @Override public Object convert(Value v, ArgSite site) {
            if (v instanceof Value.None) return null;
            String name;
            List<Value.Argument> args = List.of();
            if (v instanceof Value.Call c) {
                name = c.callee();
                args = c.args();
            } else if (v instanceof Value.Str s) name = s.value();
            else if (v instanceof Value.Symbol s) name = s.name();
            else return mismatch(v, site, this);
            Set<String> known = Set.of("l1", "l2", "l1_l2");
            if (!known.contains(name.toLowerCase(Locale.ROOT))) {
                var d = Diagnostic.error(Code.DLM0115, v.span(), "unknown regularizer `" + name + "`")
                        .label("not a Keras regularizer");
                String hint = Names.didYouMean(name, known);
                d.help(hint != null ? hint : "use l1(x), l2(x) or l1_l2(l1=x, l2=y)");
                site.report(d);
                return null;
            }
            name = name.toLowerCase(Locale.ROOT);
            // Keras's functions l1(0.01), l2(0.01) and l1_l2(l1=0.01, l2=0.01); a bare name takes
            // the same defaults. Giving one factor of l1_l2 keeps the other's default, as in Keras.
            boolean both = name.equals("l1_l2");
            double l1 = name.equals("l2") ? 0 : 0.01, l2 = name.equals("l1") ? 0 : 0.01;
            java.util.Set<String> given = new java.util.HashSet<>();
            for (int i = 0; i < args.size(); i++) {
                Value.Argument a = args.get(i);
                String key = a.name() != null ? a.name() : both ? (i == 0 ? "l1" : "l2") : name;
                boolean allowed = both ? (key.equals("l1") || key.equals("l2")) && i < 2 : key.equals(name) && i == 0;
                if (!allowed || !given.add(key)) {
                    site.report(Diagnostic.error(Code.DLM0104, a.nameSpan() != null ? a.nameSpan() : a.value().span(),
                            "unexpected argument to " + name + "()").help("write " + name + "(factor)"
                            + (name.equals("l1_l2") ? " or l1_l2(l1=x, l2=y)" : "")));
                    return null;
                }
                Double d = toDouble(a.value(), site, NON_NEGATIVE);
                if (d == null) return null;
                if (d < 0) {
                    site.report(Diagnostic.error(Code.DLM0202, a.value().span(), "a regularization factor must be >= 0, found " + d));
                    return null;
                }
                if (key.equals("l1")) l1 = d; else l2 = d;
            }
            return new Regularizer(l1, l2);
        }
    };

    /** An int or a tuple of {@code n} ints, each at least {@code min}: Keras's kernel_size, strides, pool_size. */
    public static ArgType tuple(int n, long min) {
        String desc = "an int or a tuple of " + n + " ints";
        return new ArgType(desc) {
            @Override public Object convert(Value v, ArgSite site) {
                List<Long> out = new ArrayList<>();
                if (v instanceof Value.Int i) {
                    for (int k = 0; k < n; k++) out.add(i.value());
                } else if (v instanceof Value.Seq s) {
                    if (s.items().size() != n) {
                        site.report(Diagnostic.error(Code.DLM0201, v.span(),
                                "`" + site.argName() + "` of " + site.owner() + " needs " + n + " values, found " + s.items().size())
                                .label(s.toString()));
                        return null;
                    }
                    for (Value item : s.items()) {
                        Long x = toLong(item, site, this);
                        if (x == null) return null;
                        out.add(x);
                    }
                } else {
                    Long x = toLong(v, site, this);
                    if (x == null) return null;
                    for (int k = 0; k < n; k++) out.add(x);
                }
                for (long x : out) {
                    if (x < min) {
                        site.report(Diagnostic.error(Code.DLM0202, v.span(),
                                "`" + site.argName() + "` of " + site.owner() + " must be positive, found " + v).label("out of range"));
                        return null;
                    }
                }
                return List.copyOf(out);
            }
        };
    }

    /**
     * Keras's padding or cropping of {@code n} spatial axes, each {@code (before, after)}: one
     * int for every side, a tuple of {@code n} ints (symmetric per axis), or a tuple of {@code n}
     * pairs. Normalized as Keras's {@code get_config} stores it: {@code n} pairs of non-negative ints.
     */
    public static ArgType pairs(int n) {
        String desc = "an int, a tuple of " + n + " ints or a tuple of " + n + " (before, after) pairs";
        return new ArgType(desc) {
            @Override public Object convert(Value v, ArgSite site) {
                List<List<Long>> out = new ArrayList<>();
                if (v instanceof Value.Seq s) {
                    if (s.items().size() != n) {
                        site.report(Diagnostic.error(Code.DLM0201, v.span(),
                                "`" + site.argName() + "` of " + site.owner() + " needs " + n + " values, found " + s.items().size())
                                .label(s.toString()));
                        return null;
                    }
                    for (Value item : s.items()) {
                        List<Long> pair = new ArrayList<>();
                        if (item instanceof Value.Seq p) {
                            if (p.items().size() != 2) {
                                site.report(Diagnostic.error(Code.DLM0201, item.span(),
                                        "each pair of `" + site.argName() + "` of " + site.owner() + " is (before, after), found "
                                                + p.items().size() + " values").label(p.toString()));
                                return null;
                            }
                            for (Value x : p.items()) pair.add(toLong(x, site, this));
                        } else {
                            Long x = toLong(item, site, this);
                            pair.add(x);
                            pair.add(x);
                        }
                        if (pair.contains(null)) return null;
                        out.add(List.copyOf(pair));
                    }
                } else {
                    Long x = toLong(v, site, this);
                    if (x == null) return null;
                    for (int k = 0; k < n; k++) out.add(List.of(x, x));
                }
                for (List<Long> pair : out) {
                    if (pair.get(0) < 0 || pair.get(1) < 0) {
                        site.report(Diagnostic.error(Code.DLM0202, v.span(),
                                "`" + site.argName() + "` of " + site.owner() + " must not be negative, found " + v).label("negative"));
                        return null;
                    }
                }
                return List.copyOf(out);
            }
        };
    }

    /** A shape: a tuple or list of ints; {@code -1} is allowed once when {@code allowInferred}. */
    public static ArgType shape(boolean allowInferred) {
        return new ArgType("a shape such as (28, 28, 1)") {
            @Override public Object convert(Value v, ArgSite site) {
                List<Value> items;
                if (v instanceof Value.Seq s) items = s.items();
                else if (v instanceof Value.Int) items = List.of(v);
                else return mismatch(v, site, this);
                List<Long> out = new ArrayList<>();
                int inferred = 0;
                for (Value item : items) {
                    if (item instanceof Value.None) {
                        site.report(Diagnostic.error(Code.DLM0205, item.span(), "a sample shape cannot contain None")
                                .help("give the batch-free sample shape; the batch axis is implicit"));
                        return null;
                    }
                    Long x = toLong(item, site, this);
                    if (x == null) return null;
                    if (x == -1 && allowInferred && inferred++ == 0) {
                        out.add(-1L);
                        continue;
                    }
                    if (x <= 0) {
                        boolean secondInferred = x == -1 && allowInferred;
                        site.report(Diagnostic.error(Code.DLM0205, item.span(), secondInferred
                                        ? "only one dimension of `" + site.argName() + "` may be -1"
                                        : "every dimension of `" + site.argName() + "` must be positive, found " + x)
                                .label(secondInferred ? "second -1" : "not a size")
                                .help(secondInferred ? "give every other dimension explicitly" : null));
                        return null;
                    }
                    out.add(x);
                }
                if (out.isEmpty()) {
                    site.report(Diagnostic.error(Code.DLM0205, v.span(), "`" + site.argName() + "` is an empty shape"));
                    return null;
                }
                return List.copyOf(out);
            }
        };
    }

    /** A layer call, checked by the catalogue: Bidirectional's wrapped layer. */
    public static final ArgType LAYER = new ArgType("a layer such as LSTM(64)") {
        @Override public Object convert(Value v, ArgSite site) {
            if (v instanceof Value.Call c) return c;
            return mismatch(v, site, this);
        }
    };

    /** Anything: arguments dlm accepts for Keras compatibility but does not use (dtype). */
    public static final ArgType IGNORED = new ArgType("any value") {
        @Override public Object convert(Value v, ArgSite site) { return null; }
    };

    // ---- helpers --------------------------------------------------------------------------

    static Long toLong(Value v, ArgSite site, ArgType type) {
        if (v instanceof Value.Int i) return i.value();
        if (v instanceof Value.Float f && f.value() == Math.rint(f.value()) && Math.abs(f.value()) < 9e15) {
            site.report(Diagnostic.error(Code.DLM0201, v.span(),
                    "`" + site.argName() + "` of " + site.owner() + " must be " + type.description() + ", found float " + v)
                    .help("write `" + (long) f.value() + "`"));
            return null;
        }
        mismatch(v, site, type);
        return null;
    }

    static Double toDouble(Value v, ArgSite site, ArgType type) {
        if (v instanceof Value.Int i) return (double) i.value();
        if (v instanceof Value.Float f) return f.value();
        mismatch(v, site, type);
        return null;
    }

    static Object mismatch(Value v, ArgSite site, ArgType type) {
        if (v instanceof Value.Error) return null;
        if (v instanceof Value.Symbol s && !(type == STRING)) {
            site.unknownName(s);
            return null;
        }
        site.report(Diagnostic.error(Code.DLM0201, v.span(),
                        "`" + site.argName() + "` of " + site.owner() + " must be " + type.description()
                                + ", found " + v.typeName() + " `" + v + "`")
                .label("wrong type"));
        return null;
    }

    static String quoteAll(List<String> opts) {
        List<String> q = opts.stream().map(o -> "'" + o + "'").toList();
        return q.size() == 1 ? q.get(0) : String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
    }

}
