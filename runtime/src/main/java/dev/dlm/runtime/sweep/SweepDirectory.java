package dev.dlm.runtime.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The folder of one sweep ({@code runs/<model>/sweep-<UTC yyyyMMdd-HHmmss>/} by default):
 * {@code sweep.json} (the plan: every cell with its bindings, references and parameter count)
 * and one run directory per cell, {@code cell-NNN/} (NNN the cell's index, three digits or
 * more), holding the run (docs/runs.md) and the cell's {@link CellResult}, {@code cell.json}.
 * Cells on several machines write their own {@code cell-NNN/} only, so a shared folder needs
 * no locking.
 */
public final class SweepDirectory {

    public static final String SWEEP_JSON = "sweep.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dir;

    public SweepDirectory(Path dir) {
        this.dir = dir;
    }

    /** {@code base/runs/<model>/sweep-<UTC yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}... when that exists already. */
    public static Path defaultPath(Path base, String model, Instant now) {
        Path parent = base.resolve("runs").resolve(model);
        String stamp = "sweep-" + STAMP.format(now);
        Path dir = parent.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) dir = parent.resolve(stamp + "-" + i);
        return dir;
    }

    public Path dir() { return dir; }

    /** The name of cell {@code index}'s folder: {@code cell-007}. */
    public static String cellName(int index) { return String.format(Locale.ROOT, "cell-%03d", index); }

    /** Cell {@code index}'s run directory. */
    public Path cellDir(int index) { return dir.resolve(cellName(index)); }

    /** Cell {@code index}'s result file, {@code cell-NNN/cell.json}. */
    public Path resultFile(int index) { return cellDir(index).resolve(CellResult.FILE); }

    /** Cell {@code index}'s result, or null when it has none yet. */
    public CellResult result(int index) throws IOException {
        Path f = resultFile(index);
        return Files.isRegularFile(f) ? CellResult.read(f) : null;
    }

    /** Every cell result in the folder, by index (cells without a result are absent). */
    public List<CellResult> results() throws IOException {
        List<CellResult> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("cell-\\d{3,}")).sorted().toList()) {
                Path f = p.resolve(CellResult.FILE);
                if (Files.isRegularFile(f)) out.add(CellResult.read(f));
            }
        }
        out.sort(java.util.Comparator.comparingInt(CellResult::index));
        return out;
    }
}
