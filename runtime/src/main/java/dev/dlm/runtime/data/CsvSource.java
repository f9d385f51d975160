package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.render.Printable;
import dev.dlm.compiler.shape.Shape;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A data set in CSV files: a header row naming the columns, then one sample per row. Cells are
 * separated by commas and stripped of surrounding blanks; a cell may be double-quoted (with
 * {@code ""} for a quote inside) but may not span lines. Blank lines are skipped.
 *
 * <p>One column holds the label (the last one unless named); a regression may name several
 * (its targets). Every other column is a numeric feature, kept as an unscaled float32: a sample
 * is the row's features in column order, of shape {@code [features]}.
 *
 * <p>Class labels: when every label cell is a non-negative integer, that integer is the class
 * id. Otherwise the distinct label values are sorted, numerically when all are numbers and as
 * strings otherwise, and numbered from 0: {@code setosa, versicolor, virginica} become 0, 1, 2;
 * {@code -1, 1} become 0, 1. Numeric labels with a fraction ({@code 3.7}) are a regression
 * target: they are refused (DLM1482) rather than numbered as classes.
 *
 * <p>Real targets (a regression, issue 14: the checker asks for them when a regression loss
 * trains an output with one unit per label column): each label cell is a number, kept as a
 * float32 unscaled; a sample's target is its label cells in the order the label columns were
 * named.
 *
 * <p>The test split is the first of these that applies:
 * <ol>
 *   <li>a test file given explicitly;</li>
 *   <li>the file next to the training file whose name has its last {@code train} replaced by
 *       {@code test} ({@code iris_train.csv} and {@code iris_test.csv});</li>
 *   <li>every fifth data row of the one file (the 5th, 10th, ...), the other rows training.
 *       Unlike a final fifth, this keeps each class's share in files sorted by class, and it
 *       needs no random seed.</li>
 * </ol>
 */
final class CsvSource {

    /** Rule 3 holds out one data row in this many. */
    static final int TEST_EVERY = 5;

    /**
     * One parsed file: the features row-major, the raw label cells, and where each row starts
     * in the file (for messages).
     */
    private record Table(String file, List<String> columns, int[] labelColumns, float[] features, int rows,
                         List<String> labels, int[] lines) {

        int featureCount() { return columns.size() - labelColumns.length; }

        /** The label columns' names, in the order they were named. */
        List<String> labelNames() { return Arrays.stream(labelColumns).mapToObj(columns::get).toList(); }

        String labelLocation(int row) { return labelLocation(row, 0); }

        String labelLocation(int row, int label) { return file + ":" + lines[row] + ":" + (labelColumns[label] + 1); }
    }

    /** The label cells of both files, as class ids. */
    private record Coding(int[] train, int[] test, int classes) {}

    private CsvSource() {}

    /**
     * Reads {@code file}, and the test split by the rules above.
     *
     * @param testFile    the test file, or null to apply rules 2 and 3
     * @param labelColumn the name of the label column, or null for the last column
     * @param classes     the number of classes, or 0 to count them from the labels
     */
    static Dataset load(Path file, Path testFile, String labelColumn, double scale, int classes)
            throws DataException {
        return load(file, testFile, labelColumn == null ? List.of() : List.of(labelColumn), false, scale, classes);
    }

    /**
     * Reads {@code file} as {@link #load(Path, Path, String, double, int)} does, with
     * {@code labelColumns} naming the label columns (empty: the last column) and, when
     * {@code realTargets}, the labels read as real-valued targets (then {@code classes} is ignored).
     */
    static Dataset load(Path file, Path testFile, List<String> labelColumns, boolean realTargets, double scale, int classes)
            throws DataException {
        if (labelColumns.size() > 1 && !realTargets) {
            throw new DataException(Code.DLM1482, file.toString(), "several label columns (" + listed(labelColumns)
                    + ") are real-valued targets, but the model trains class labels",
                    "name one label column, or train with a regression loss (mse, mae, huber)");
        }
        Table[] tables = tables(file, testFile, labelColumns);
        Table train = tables[0], held = tables[1];
        Shape shape = Shape.of(train.featureCount());
        if (realTargets) {
            int width = train.labelColumns().length;
            return new Dataset("csv(" + file + ")", shape, 0,
                    Split.ofFloatTargets(shape, train.features(), values(train), width, scale),
                    Split.ofFloatTargets(shape, held.features(), values(held), width, scale));
        }
        Coding coding = code(train, held, classes, null);
        return new Dataset("csv(" + file + ")", shape, coding.classes(),
                Split.ofFloats(shape, coding.classes(), train.features(), coding.train(), scale),
                Split.ofFloats(shape, coding.classes(), held.features(), coding.test(), scale));
    }

    /**
     * Reads {@code file} for a model whose outputs each read their own labels (issue 14,
     * Keras's {@code fit(x, [y1, y2])}): every column an output names is a label column, the
     * others are the features. Output {@code i}'s targets are its columns as real values when
     * {@code outputs.get(i).realTargets()}, else its one column as class ids, numbered by the
     * rule in the class comment ({@code classes}, if declared, for every class-label output).
     * The splits give each output's targets by {@link Split#forOutput}.
     */
    static Dataset loadPerOutput(Path file, Path testFile, List<dev.dlm.compiler.ir.DataSource.OutputLabels> outputs, double scale, int classes)
            throws DataException {
        List<String> columns = outputs.stream().flatMap(o -> o.columns().stream()).distinct().toList();
        Table[] tables = tables(file, testFile, columns);
        Table train = tables[0], held = tables[1];
        Shape shape = Shape.of(train.featureCount());
        List<Split> trainParts = new ArrayList<>(), testParts = new ArrayList<>();
        for (var output : outputs) {
            Table t = project(train, output.columns()), h = project(held, output.columns());
            if (output.realTargets()) {
                int width = output.columns().size();
                trainParts.add(Split.ofFloatTargets(shape, train.features(), values(t), width, scale));
                testParts.add(Split.ofFloatTargets(shape, held.features(), values(h), width, scale));
            } else {
                if (output.columns().size() != 1) {
                    throw new DataException(Code.DLM1482, file.toString(), "output `" + output.output() + "` reads several label columns ("
                            + listed(output.columns()) + ") as class labels", "train that output with a regression loss (mse, mae, huber)");
                }
                Coding coding = code(t, h, classes, output.output());
                trainParts.add(Split.ofFloats(shape, coding.classes(), train.features(), coding.train(), scale));
                testParts.add(Split.ofFloats(shape, coding.classes(), held.features(), coding.test(), scale));
            }
        }
        Split trainSplit = Split.withOutputs(trainParts);
        return new Dataset("csv(" + file + ")", shape, trainSplit.classes(), trainSplit, Split.withOutputs(testParts));
    }

    /** The training and test tables of {@code file} by the rules in the class comment, with {@code labelColumns} as labels. */
    private static Table[] tables(Path file, Path testFile, List<String> labelColumns) throws DataException {
        Path test = testFile != null ? testFile : conventionalTestFile(file);
        Table train = parse(file, labelColumns, null);
        if (test != null) return new Table[] {train, parse(test, train.labelNames(), train)};
        if (train.rows() < TEST_EVERY) {
            throw new DataException(file.toString(), "has only " + train.rows() + " data rows, too few to"
                    + " hold out every " + TEST_EVERY + "th row for testing",
                    "add rows, or give a test file named like the training file with `train` replaced by `test`");
        }
        return holdOutEveryFifth(train);
    }

    /** {@code table} with only the label columns {@code names} (in that order): one output's labels. */
    private static Table project(Table table, List<String> names) {
        int k = table.labelColumns().length;
        int[] slots = new int[names.size()];
        int[] columns = new int[names.size()];
        for (int j = 0; j < names.size(); j++) {
            slots[j] = table.labelNames().indexOf(names.get(j));
            columns[j] = table.labelColumns()[slots[j]];
        }
        List<String> labels = new ArrayList<>(table.rows() * slots.length);
        for (int row = 0; row < table.rows(); row++) {
            for (int slot : slots) labels.add(table.labels().get(row * k + slot));
        }
        return new Table(table.file(), table.columns(), columns, table.features(), table.rows(), labels, table.lines());
    }

    /** Rule 2: the sibling of {@code file} named with {@code test} for its last {@code train}, if it exists. */
    static Path conventionalTestFile(Path file) {
        String name = file.getFileName().toString();
        int at = name.toLowerCase(Locale.ROOT).lastIndexOf("train");
        if (at < 0) return null;
        String word = name.substring(at, at + 5);
        String test = word.equals("TRAIN") ? "TEST" : Character.isUpperCase(word.charAt(0)) ? "Test" : "test";
        Path sibling = file.resolveSibling(name.substring(0, at) + test + name.substring(at + 5));
        return Files.isRegularFile(sibling) ? sibling : null;
    }

    /**
     * Parses one CSV file.
     *
     * @param like the training table whose columns a test file must repeat, or null
     */
    private static Table parse(Path path, List<String> labelNames, Table like) throws DataException {
        String file = path.toString();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Rows rows = null;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                if (rows != null) {
                    rows.add(line, lineNumber);
                    continue;
                }
                String where = file + ":" + lineNumber;
                List<String> columns = cells(line, where);
                if (like != null && !columns.equals(like.columns())) {
                    throw new DataException(where, "its columns (" + listed(columns)
                            + ") differ from those of " + like.file() + " (" + listed(like.columns()) + ")",
                            "the test file needs the training file's header");
                }
                int[] labelColumns = new int[Math.max(1, labelNames.size())];
                if (labelNames.isEmpty()) labelColumns[0] = columns.size() - 1;
                for (int j = 0; j < labelNames.size(); j++) labelColumns[j] = labelColumn(columns, labelNames.get(j), where);
                rows = new Rows(file, columns, labelColumns);
            }
            if (rows == null) {
                throw new DataException(file, "is empty", "a CSV data file needs a header row and data rows");
            }
            return rows.toTable();
        } catch (IOException e) {
            throw IoErrors.describe(file, e);
        }
    }

    /** The data rows of one file, gathered as they are read. */
    private static final class Rows {

        private final String file;
        private final List<String> columns;
        private final int[] labelColumns;
        /** For each column, its position among the label columns, or -1 for a feature. */
        private final int[] labelSlot;
        /** The current row's label cells, by slot: appended in naming order when the row ends. */
        private final String[] rowLabels;
        private float[] features = new float[1024];
        private int used;
        private int rows;
        private int[] lines = new int[64];
        private final List<String> labels = new ArrayList<>();

        Rows(String file, List<String> columns, int[] labelColumns) {
            this.file = file;
            this.columns = columns;
            this.labelColumns = labelColumns;
            this.labelSlot = new int[columns.size()];
            Arrays.fill(labelSlot, -1);
            for (int j = 0; j < labelColumns.length; j++) labelSlot[labelColumns[j]] = j;
            this.rowLabels = new String[labelColumns.length];
        }

        void add(String line, int lineNumber) throws DataException {
            int width = columns.size();
            int row = rows;
            if (used + width > features.length) features = Arrays.copyOf(features, 2 * features.length + width);
            if (row == lines.length) lines = Arrays.copyOf(lines, 2 * lines.length);
            lines[row] = lineNumber;
            if (line.indexOf('"') >= 0) {
                List<String> cells = cells(line, file + ":" + lineNumber);
                if (cells.size() != width) throw widthMismatch(cells.size(), lineNumber);
                for (int c = 0; c < width; c++) {
                    cell(cells.get(c), 0, cells.get(c).length(), lineNumber, c);
                }
                endRow();
                return;
            }
            // The common case: no quotes, so each cell is the text between two commas, read in place.
            int start = 0;
            for (int c = 0; c < width; c++) {
                int comma = line.indexOf(',', start);
                boolean last = c == width - 1;
                if (last ? comma >= 0 : comma < 0) {
                    throw widthMismatch((int) line.chars().filter(ch -> ch == ',').count() + 1, lineNumber);
                }
                int end = last ? line.length() : comma;
                cell(line, start, end, lineNumber, c);
                start = end + 1;
            }
            endRow();
        }

        private void endRow() {
            labels.addAll(Arrays.asList(rowLabels));
            rows++;
        }

        private void cell(String text, int from, int to, int lineNumber, int column) throws DataException {
            while (from < to && Character.isWhitespace(text.charAt(from))) from++;
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
            if (labelSlot[column] >= 0) {
                if (from == to) {
                    throw new DataException(location(lineNumber, column), "the label cell (column "
                            + quoted(columns.get(column)) + ") is empty", "every row needs a label");
                }
                rowLabels[labelSlot[column]] = text.substring(from, to);
                return;
            }
            float value = decimal(text, from, to);
            features[used++] = Float.isNaN(value) ? number(text.substring(from, to), lineNumber, column) : value;
        }

        /** Parses a cell that is not a short plain decimal, or explains why it is not a number. */
        private float number(String cell, int lineNumber, int column) throws DataException {
            String where = location(lineNumber, column);
            String name = columns.get(column);
            String hint = "every column but the label column " + quoted(columns.get(labelColumns[0]))
                    + (labelColumns.length > 1 ? " and the other label columns" : "") + " must hold numbers";
            if (cell.isEmpty()) {
                throw new DataException(where, "the cell in column " + quoted(name) + " is empty", hint);
            }
            float value;
            try {
                value = looksNumeric(cell) ? Float.parseFloat(cell) : Float.NaN;
            } catch (NumberFormatException e) {
                value = Float.NaN;
            }
            if (Float.isNaN(value)) {
                throw new DataException(where, "cell " + quoted(cell) + " in column " + quoted(name) + " is not a number", hint);
            }
            if (Float.isInfinite(value)) {
                throw new DataException(where, "cell " + quoted(cell) + " in column " + quoted(name) + " is out of float32 range",
                        "scale the column down");
            }
            return value;
        }

        private DataException widthMismatch(int cells, int lineNumber) {
            return new DataException(file + ":" + lineNumber, "has " + cells + " cells but the header has "
                    + columns.size() + " columns", "every row needs one cell per column");
        }

        private String location(int lineNumber, int column) {
            return file + ":" + lineNumber + ":" + (column + 1);
        }

        Table toTable() throws DataException {
            if (rows == 0) {
                throw new DataException(file, "has a header but no data rows", "add one row per sample");
            }
            if (columns.size() <= labelColumns.length) {
                throw new DataException(file, labelColumns.length == 1 ? "has one column only (the label), so no features"
                        : "has label columns only, so no features",
                        "the other columns hold the features; add at least one");
            }
            return new Table(file, columns, labelColumns, Arrays.copyOf(features, used), rows, labels,
                    Arrays.copyOf(lines, rows));
        }
    }

    /** Powers of ten that float holds exactly, up to the seven digits {@link #decimal} accepts. */
    private static final float[] POWERS_OF_TEN = {1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f};

    /**
     * The value of {@code text[from, to)} when it is a plain decimal of at most seven digits
     * ({@code 255}, {@code -0.125}), else NaN. Such a value is an integer below 2^24 divided by
     * a power of ten that float holds exactly, so one float division rounds it exactly as
     * {@link Float#parseFloat} does, several times faster.
     */
    static float decimal(String text, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (; i < to; i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (++digits > 7) return Float.NaN;
                mantissa = mantissa * 10 + (ch - '0');
                if (fractionDigits >= 0) fractionDigits++;
            } else if (ch == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else {
                return Float.NaN;
            }
        }
        if (digits == 0) return Float.NaN;
        float value = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits] : mantissa;
        return negative ? -value : value;
    }

    /** The longest piece of a file's text that a message quotes. */
    static final int QUOTE_LIMIT = 24;

    /**
     * One token of a data file as a message quotes it: in quotes, control characters made
     * visible, cut to {@link #QUOTE_LIMIT} characters. A message names the file and position
     * and shows at most the offending token, never a whole line: pointed at {@code /etc/shadow},
     * dlmc must not print its hashes.
     */
    static String quoted(String token) {
        String t = Printable.escape(token);
        return "'" + (t.length() > QUOTE_LIMIT ? t.substring(0, QUOTE_LIMIT) + "…" : t) + "'";
    }

    /** At most the first six of {@code tokens}, each {@link #quoted}, and how many more there are. */
    static String listed(List<String> tokens) {
        String shown = tokens.stream().limit(6).map(CsvSource::quoted).collect(Collectors.joining(", "));
        return tokens.size() > 6 ? shown + " and " + (tokens.size() - 6) + " more" : shown;
    }

    /** Splits one line into stripped cells, honouring double quotes. */
    static List<String> cells(String line, String where) throws DataException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch != '"') {
                    cell.append(ch);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(where, "a quoted cell is not closed", "cells cannot span lines; close the quote");
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static int labelColumn(List<String> columns, String labelName, String where) throws DataException {
        if (labelName == null) return columns.size() - 1;
        int found = columns.indexOf(labelName);
        if (found < 0 && columns.size() == 1) {
            // Not a CSV file at all (a passwd or shadow file, a log): nothing of it is worth quoting.
            throw new DataException(where, "the first line has no commas, so this is not a CSV file with a header",
                    "a CSV data file starts with a header row naming its columns, separated by commas");
        }
        if (found < 0) {
            String closest = columns.stream().min(Comparator.comparingInt(c -> dev.dlm.compiler.diag.Names.distance(c, labelName))).orElseThrow();
            boolean close = dev.dlm.compiler.diag.Names.distance(closest, labelName) <= Math.max(2, labelName.length() / 3);
            throw new DataException(where, "the header has no column " + quoted(labelName) + "; its columns are "
                    + listed(columns), close ? "did you mean label=" + quoted(closest).replace('\'', '"') + "?"
                    : "label= must name one of the columns");
        }
        if (columns.lastIndexOf(labelName) != found) {
            throw new DataException(where, "the header has two columns named " + quoted(labelName),
                    "rename one of them");
        }
        return found;
    }

    /**
     * Whether {@code cell} is written as a decimal number. {@link Float#parseFloat} alone would
     * also accept {@code NaN}, {@code Infinity}, hexadecimal and a trailing {@code f} or {@code d}.
     */
    private static boolean looksNumeric(String cell) {
        boolean digit = false;
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if ("+-.eE".indexOf(ch) < 0) {
                return false;
            }
        }
        return digit;
    }

    /** Rule 3: rows 5, 10, 15... (1-based) test; the others train. */
    private static Table[] holdOutEveryFifth(Table all) {
        int n = all.featureCount();
        int testRows = all.rows() / TEST_EVERY;
        int trainRows = all.rows() - testRows;
        float[][] features = {new float[trainRows * n], new float[testRows * n]};
        int[][] lines = {new int[trainRows], new int[testRows]};
        List<List<String>> labels = List.of(new ArrayList<>(), new ArrayList<>());
        int k = all.labelColumns().length;
        int[] filled = new int[2];
        for (int row = 0; row < all.rows(); row++) {
            int part = row % TEST_EVERY == TEST_EVERY - 1 ? 1 : 0;
            System.arraycopy(all.features(), row * n, features[part], filled[part] * n, n);
            lines[part][filled[part]] = all.lines()[row];
            labels.get(part).addAll(all.labels().subList(row * k, (row + 1) * k));
            filled[part]++;
        }
        Table[] parts = new Table[2];
        for (int part = 0; part < 2; part++) {
            parts[part] = new Table(all.file(), all.columns(), all.labelColumns(), features[part], filled[part],
                    labels.get(part), lines[part]);
        }
        return parts;
    }

    /** Turns the label cells of both tables into class ids, by the rule in the class comment. */
    private static Coding code(Table train, Table test, int declaredClasses, String output) throws DataException {
        boolean ids = allIds(train.labels()) && allIds(test.labels());
        int[] trainIds;
        int[] testIds;
        int classes;
        if (ids) {
            trainIds = train.labels().stream().mapToInt(Integer::parseInt).toArray();
            testIds = test.labels().stream().mapToInt(Integer::parseInt).toArray();
            classes = declaredClasses > 0 ? declaredClasses
                    : Math.max(Arrays.stream(trainIds).max().orElse(0), Arrays.stream(testIds).max().orElse(0)) + 1;
            checkRange(train, trainIds, classes);
            checkRange(test, testIds, classes);
        } else {
            List<String> names = sortedNames(train.labels(), test.labels());
            String fraction = names.stream().filter(n -> isFiniteNumber(n) && Double.parseDouble(n) % 1 != 0).findFirst().orElse(null);
            if (fraction != null && names.stream().allMatch(CsvSource::isFiniteNumber)) {
                // Numbering 3.7, 11000.2, ... as classes would "train" a regression as a
                // classification with thousands of classes: refuse instead of guessing.
                throw new DataException(Code.DLM1482, train.file(), "its label column " + quoted(train.labelNames().get(0))
                        + " holds real numbers such as " + quoted(fraction) + " (regression targets), but "
                        + (output == null ? "the model" : "output `" + output + "`") + " is trained as a classifier",
                        output == null ? "train a regression: `loss = mse` (or mae, huber), one output unit per label column, no `classes=`"
                                : "train output `" + output + "` as a regression: `mse` (or mae, huber) and one unit per label column");
            }
            if (declaredClasses > 0 && names.size() > declaredClasses) {
                throw new DataException(train.file(), "its label column " + quoted(train.labelNames().get(0))
                        + " holds " + names.size() + " distinct labels (" + listed(names)
                        + ") but the program declares " + declaredClasses + " classes",
                        "declare " + names.size() + " classes");
            }
            Map<String, Integer> id = new HashMap<>();
            for (String name : names) id.put(name, id.size());
            trainIds = train.labels().stream().mapToInt(id::get).toArray();
            testIds = test.labels().stream().mapToInt(id::get).toArray();
            classes = declaredClasses > 0 ? declaredClasses : names.size();
        }
        return new Coding(trainIds, testIds, classes);
    }

    /** The label cells of {@code table} as real numbers, row after row; a cell that is not a number is refused. */
    private static float[] values(Table table) throws DataException {
        int k = table.labelColumns().length;
        float[] out = new float[table.labels().size()];
        for (int i = 0; i < out.length; i++) {
            String cell = table.labels().get(i);
            float value = decimal(cell, 0, cell.length());
            if (Float.isNaN(value) && isFiniteNumber(cell)) value = Float.parseFloat(cell);
            if (Float.isNaN(value) || Float.isInfinite(value)) {
                String column = table.columns().get(table.labelColumns()[i % k]);
                throw new DataException(Code.DLM1482, table.labelLocation(i / k, i % k), "the regression target "
                        + quoted(cell) + " in column " + quoted(column) + " is not a" + (Float.isNaN(value) ? "" : " float32") + " number",
                        "a regression trains on numbers; for class names, train a classifier"
                                + " (loss = categorical_crossentropy, one output unit per class)");
            }
            out[i] = value;
        }
        return out;
    }

    private static boolean allIds(List<String> labels) {
        // Nine digits always fit an int.
        return labels.stream().allMatch(label -> label.length() <= 9
                && label.chars().allMatch(ch -> ch >= '0' && ch <= '9'));
    }

    private static List<String> sortedNames(List<String> train, List<String> test) {
        TreeSet<String> names = new TreeSet<>(train);
        names.addAll(test);
        boolean numeric = names.stream().allMatch(CsvSource::isFiniteNumber);
        if (numeric) {
            return names.stream().sorted(Comparator.comparingDouble(Double::parseDouble)).collect(Collectors.toList());
        }
        return new ArrayList<>(names);
    }

    private static boolean isFiniteNumber(String s) {
        if (!looksNumeric(s)) return false;
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkRange(Table table, int[] ids, int classes) throws DataException {
        for (int row = 0; row < ids.length; row++) {
            if (ids[row] >= classes) {
                throw new DataException(Code.DLM0703, table.labelLocation(row), "label " + ids[row] + " is out of range for "
                        + classes + " classes (0-" + (classes - 1) + ")",
                        "declare as many classes as the labels need");
            }
        }
    }

}
