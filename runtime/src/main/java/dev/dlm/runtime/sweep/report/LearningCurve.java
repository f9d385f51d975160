package dev.dlm.runtime.sweep.report;

import dev.dlm.runtime.run.RunDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell's learning curve, read from its run directory's {@code history.csv} (Keras's
 * CSVLogger format: {@code epoch} from 0, then the logged metrics by name). Only the
 * {@code accuracy} and {@code val_accuracy} columns are used; a run that logs neither, or has
 * not finished an epoch, has an empty curve.
 */
public final class LearningCurve {
    private LearningCurve() {}

    /** The epochs of the run in {@code runDir}; empty when it has no history yet. */
    public static List<EpochPoint> read(Path runDir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(runDir.resolve(RunDirectory.HISTORY), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return parse(lines);
    }

    static List<EpochPoint> parse(List<String> lines) throws IOException {
        if (lines.isEmpty()) return List.of();
        List<String> header = List.of(lines.get(0).trim().split(","));
        int epoch = header.indexOf("epoch");
        int accuracy = header.indexOf("accuracy");
        int validation = header.indexOf("val_accuracy");
        if (epoch < 0) throw new IOException("history.csv has no `epoch` column (header: " + lines.get(0) + ")");
        List<EpochPoint> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(",", -1);
            try {
                points.add(new EpochPoint(Integer.parseInt(f[epoch]), value(f, accuracy), value(f, validation)));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("history.csv has a malformed row: " + line);
            }
        }
        return points;
    }

    private static Double value(String[] fields, int column) {
        if (column < 0 || column >= fields.length || fields[column].isEmpty()) return null;
        double v = Double.parseDouble(fields[column]);
        return Double.isFinite(v) ? v : null;
    }
}
