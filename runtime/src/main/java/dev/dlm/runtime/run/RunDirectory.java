package dev.dlm.runtime.run;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.keras.JsonReader;
import dev.dlm.compiler.render.Json;
import dev.dlm.runtime.train.EpochStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The folder that keeps one run ({@code runs/<model>/<yyyyMMdd-HHmmss>/} by default):
 * {@code model.dlm} (the file as run), {@code run.json} (what ran, how, and how far it got),
 * {@code history.csv} (Keras's CSVLogger format), {@code metrics.json}, {@code checkpoints/}
 * and {@code tensorboard/train|validation/}. Every file is replaced atomically.
 */
public final class RunDirectory {

    public static final String RUN_JSON = "run.json";
    public static final String MODEL = "model.dlm";
    public static final String HISTORY = "history.csv";
    public static final String METRICS = "metrics.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Map<String, Object> run;

    private RunDirectory(Path dir, Map<String, Object> run) {
        this.dir = dir;
        this.run = run;
    }

    /** {@code base/runs/<model>/<UTC yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}... when that exists already. */
    public static Path defaultPath(Path base, String model, Instant now) {
        Path parent = base.resolve("runs").resolve(model);
        String stamp = STAMP.format(now);
        Path dir = parent.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) dir = parent.resolve(stamp + "-" + i);
        return dir;
    }

    /** Starts a new run in {@code dir} (created; refused when it already holds a run) with the model's text. */
    public static RunDirectory create(Path dir, String modelText, Map<String, Object> run) throws IOException, RunException {
        if (Files.exists(dir.resolve(RUN_JSON))) {
            throw new RunException(Code.DLM1103, "`" + dir + "` already holds a run", List.of(),
                    "continue it with `dlmc run --resume " + dir + "`, or choose another --run-dir");
        }
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(MODEL), modelText);
        RunDirectory r = new RunDirectory(dir, new LinkedHashMap<>(run));
        r.writeRunJson();
        return r;
    }

    /** Opens the run in {@code dir} for resuming. */
    public static RunDirectory open(Path dir) throws RunException {
        Path json = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(json)) {
            throw new RunException(Code.DLM1102, "`" + dir + "` is not a run directory: it has no " + RUN_JSON, List.of(),
                    "pass the folder `dlmc run` printed at its start, such as runs/mlp/20260101-120000");
        }
        try {
            return new RunDirectory(dir, JsonReader.object(Files.readString(json, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new RunException(Code.DLM1102, "cannot read `" + json + "`: " + e.getMessage(), List.of(), null);
        }
    }

    public Path dir() { return dir; }

    /** The contents of {@code run.json}; change it, then {@link #writeRunJson}. */
    public Map<String, Object> run() { return run; }

    public Checkpoints checkpoints() { return new Checkpoints(dir.resolve("checkpoints")); }

    public Path tensorboard(String split) { return dir.resolve("tensorboard").resolve(split); }

    public String modelText() throws IOException { return Files.readString(dir.resolve(MODEL), StandardCharsets.UTF_8); }

    public void writeRunJson() throws IOException {
        run.put("updated", Instant.now().toString());
        AtomicFiles.write(dir.resolve(RUN_JSON), Json.write(run));
    }

    /**
     * Writes {@code history.csv} as Keras's CSVLogger does: {@code epoch} (from 0, as Keras
     * counts) then the logged values in sorted order; {@code learning_rate} only when it is
     * logged.
     */
    public void writeHistory(List<EpochStats> epochs, List<String> logged, boolean learningRate) throws IOException {
        List<String> columns = new ArrayList<>(logged);
        if (learningRate) columns.add("learning_rate");
        columns.sort(null);
        StringBuilder sb = new StringBuilder("epoch");
        for (String c : columns) sb.append(',').append(c);
        sb.append('\n');
        for (EpochStats e : epochs) {
            sb.append(e.epoch() - 1);
            for (String c : columns) {
                Double v = e.metric(c);
                sb.append(',').append(v == null ? "" : Double.toString(v));
            }
            sb.append('\n');
        }
        AtomicFiles.write(dir.resolve(HISTORY), sb.toString());
    }

    public void writeMetrics(Map<String, Object> metrics) throws IOException {
        AtomicFiles.write(dir.resolve(METRICS), Json.write(metrics));
    }
}
