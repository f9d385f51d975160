package dev.dlm.runtime.sweep;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.keras.JsonReader;
import dev.dlm.compiler.render.Json;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.runtime.run.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sweep cell did, as {@code cell-NNN/cell.json} in the sweep directory: the cell
 * (index, label, bindings as written, the book's references, parameter count), how it ran
 * (status, seed, epochs, training-sample limit, the run directory relative to the sweep
 * directory, host, start and end), what it measured (the last epoch's training accuracy and
 * loss, the test accuracy and loss, each epoch's curve, and in {@code metrics} every other
 * value the run computed: the last epoch's other training logs, its validation logs and the
 * other test results, by reference key such as {@code test.auc} or {@code val.loss}) and its
 * wall time in seconds, summed over every
 * process that worked on it. A failed cell has {@code error} (and {@code errorCode} when it
 * had a diagnostic code).
 *
 * <p>{@code status} is {@link #COMPLETED}, {@link #FAILED}, {@link #INTERRUPTED} or
 * {@link #RUNNING} (a process is on it, or died without a word). Measured values are null
 * when not measured. The file is written atomically, so a reader never sees half of it.
 */
public record CellResult(int index, String label, Map<String, String> bindings, Map<String, Double> references,
                         long params, String status, Long seed, int epochs, Integer trainLimit,
                         Double trainAccuracy, Double trainLoss, Double testAccuracy, Double testLoss,
                         double seconds, List<Epoch> history, String runDir, String host, String started, String finished,
                         String error, String errorCode, Map<String, Double> metrics) {

    public static final String FILE = "cell.json";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    public static final String RUNNING = "running";

    public CellResult {
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
        history = List.copyOf(history);
        // The four accuracies and losses have their own fields; `metrics` holds the rest.
        Map<String, Double> rest = new LinkedHashMap<>(metrics);
        rest.keySet().removeAll(List.of("train.accuracy", "train.loss", "test.accuracy", "test.loss"));
        metrics = Collections.unmodifiableMap(rest);
    }

    /** A result that measured nothing but its accuracies and losses (a failed or running cell, and results from before {@code metrics}). */
    public CellResult(int index, String label, Map<String, String> bindings, Map<String, Double> references,
                      long params, String status, Long seed, int epochs, Integer trainLimit,
                      Double trainAccuracy, Double trainLoss, Double testAccuracy, Double testLoss,
                      double seconds, List<Epoch> history, String runDir, String host, String started, String finished,
                      String error, String errorCode) {
        this(index, label, bindings, references, params, status, seed, epochs, trainLimit, trainAccuracy, trainLoss, testAccuracy,
                testLoss, seconds, history, runDir, host, started, finished, error, errorCode, Map.of());
    }

    /** The splits of {@link #metrics}' keys, in the order {@code cell.json} writes them. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    /** One epoch of the cell's learning curve; the validation values are null without validation. */
    public record Epoch(int epoch, double loss, double accuracy, Double valLoss, Double valAccuracy, double seconds) {}

    public boolean completed() { return status.equals(COMPLETED); }

    public boolean failed() { return status.equals(FAILED); }

    /**
     * A failed cell as a diagnostic (DLM1501) located at the sweep's model, with the cell's own
     * error and its run directory; null when the cell did not fail.
     */
    public Diagnostic failure(SweepPlan plan, SweepDirectory dir) {
        if (!failed()) return null;
        Diagnostic.Builder d = Diagnostic.error(Code.DLM1501, plan.cell(index).model().span(),
                        "sweep cell " + index + " (" + label + ") failed")
                .note((errorCode != null ? errorCode + ": " : "") + error)
                .note("its run directory: " + dir.cellDir(index));
        if (errorCode != null) {
            d.help("`dlmc explain " + errorCode + "`; the other cells went on, and running the sweep again retries this one");
        }
        return d.build();
    }

    /**
     * The measured value of a reference key ({@code test.accuracy}, {@code train.loss},
     * {@code test.auc}, {@code val.loss}...), or null; an {@code expect split.metric} of the
     * cell's file asks for {@code split + "." + metric}.
     */
    public Double measured(String key) { return measured().get(key); }

    /** Every measured value by its reference key (the four accuracies and losses always, null when not measured; then {@link #metrics}). */
    public Map<String, Double> measured() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train.accuracy", trainAccuracy);
        m.put("train.loss", trainLoss);
        m.put("test.accuracy", testAccuracy);
        m.put("test.loss", testLoss);
        metrics.forEach((k, v) -> { if (v != null) m.put(k, v); });
        return m;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("label", label);
        m.put("bindings", new LinkedHashMap<>(bindings));
        m.put("references", new LinkedHashMap<>(references));
        m.put("params", params);
        m.put("status", status);
        m.put("seed", seed);
        m.put("epochs", epochs);
        m.put("train_limit", trainLimit);
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("accuracy", trainAccuracy);
        train.put("loss", trainLoss);
        Map<String, Object> val = new LinkedHashMap<>();
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("accuracy", testAccuracy);
        test.put("loss", testLoss);
        Map<String, Map<String, Object>> bySplit = Map.of("train", train, "val", val, "test", test);
        metrics.forEach((key, value) -> {
            int dot = key.indexOf('.');
            Map<String, Object> split = bySplit.get(key.substring(0, Math.max(0, dot)));
            if (split != null) split.put(key.substring(dot + 1), value);
        });
        m.put("train", train);
        if (!val.isEmpty()) m.put("val", val);
        m.put("test", test);
        m.put("seconds", seconds);
        List<Object> curve = new ArrayList<>();
        for (Epoch e : history) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("epoch", e.epoch());
            x.put("loss", e.loss());
            x.put("accuracy", e.accuracy());
            x.put("val_loss", e.valLoss());
            x.put("val_accuracy", e.valAccuracy());
            x.put("seconds", e.seconds());
            curve.add(x);
        }
        m.put("history", curve);
        m.put("run_dir", runDir);
        m.put("host", host);
        m.put("started", started);
        m.put("finished", finished);
        m.put("error", error);
        m.put("error_code", errorCode);
        return m;
    }

    /** The result in a {@code cell.json}'s parsed form; throws IllegalArgumentException when a field is missing or mistyped. */
    @SuppressWarnings("unchecked")
    public static CellResult fromJson(Map<String, Object> m) {
        try {
            Map<String, String> bindings = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("bindings")).forEach((k, v) -> bindings.put(k, String.valueOf(v)));
            Map<String, Double> references = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("references")).forEach((k, v) -> references.put(k, ((Number) v).doubleValue()));
            Map<String, Object> train = (Map<String, Object>) m.get("train");
            Map<String, Object> test = (Map<String, Object>) m.get("test");
            List<Epoch> history = new ArrayList<>();
            for (Object o : (List<Object>) m.get("history")) {
                Map<String, Object> e = (Map<String, Object>) o;
                // A model with several outputs has no model-wide accuracy: NaN, written as null.
                history.add(new Epoch(((Number) e.get("epoch")).intValue(), ((Number) e.get("loss")).doubleValue(),
                        e.get("accuracy") == null ? Double.NaN : ((Number) e.get("accuracy")).doubleValue(), number(e.get("val_loss")), number(e.get("val_accuracy")),
                        ((Number) e.get("seconds")).doubleValue()));
            }
            Number seed = (Number) m.get("seed");
            Number limit = (Number) m.get("train_limit");
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String split : SPLITS) {
                if (m.get(split) instanceof Map<?, ?> values) {
                    values.forEach((k, v) -> { if (v instanceof Number n) metrics.put(split + "." + k, n.doubleValue()); });
                }
            }
            return new CellResult(((Number) m.get("index")).intValue(), (String) m.get("label"), bindings, references,
                    ((Number) m.get("params")).longValue(), (String) requireNonNull(m, "status"),
                    seed == null ? null : seed.longValue(), ((Number) m.get("epochs")).intValue(),
                    limit == null ? null : limit.intValue(), number(train.get("accuracy")), number(train.get("loss")),
                    number(test.get("accuracy")), number(test.get("loss")), ((Number) m.get("seconds")).doubleValue(), history,
                    (String) m.get("run_dir"), (String) m.get("host"), (String) m.get("started"), (String) m.get("finished"),
                    (String) m.get("error"), (String) m.get("error_code"), metrics);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a sweep cell result: " + e.getMessage(), e);
        }
    }

    private static Object requireNonNull(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) throw new IllegalArgumentException("not a sweep cell result: no `" + key + "`");
        return v;
    }

    private static Double number(Object o) { return o == null ? null : ((Number) o).doubleValue(); }

    /** Writes the result to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.write(toJson()) + "\n");
    }

    /** Reads a {@code cell.json}; IOException when unreadable, IllegalArgumentException when malformed. */
    public static CellResult read(Path file) throws IOException {
        return fromJson(JsonReader.object(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** A copy with another status, error and end. */
    public CellResult withStatus(String newStatus, String newError, String newErrorCode, String newFinished) {
        return new CellResult(index, label, bindings, references, params, newStatus, seed, epochs, trainLimit, trainAccuracy,
                trainLoss, testAccuracy, testLoss, seconds, history, runDir, host, started, newFinished, newError, newErrorCode, metrics);
    }
}
