package dev.dlm.runtime.data;

import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.dlm.runtime.data.DataErrors.assertDataError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvSourceTest {

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static float[] features(Split split) {
        float[] x = new float[split.size() * split.elements()];
        split.fillBatch(split.order(), 0, split.size(), x);
        return x;
    }

    private static int[] labels(Split split) {
        int[] y = new int[split.size()];
        split.fillLabels(split.order(), 0, split.size(), y);
        return y;
    }

    @Test
    void readsNamedLabelColumnAndMapsNamesToSortedIds() throws IOException, DataException {
        Path train = csv("iris_train.csv", """
                sepal, species, petal
                1.5, virginica, 2
                -3, setosa, 4e-1

                5, versicolor, 6
                """);
        csv("iris_test.csv", "sepal,species,petal\n7,setosa,8\n");

        Dataset data = CsvSource.load(train, null, "species", 1.0, 0);

        assertEquals("csv(" + train + ")", data.name());
        assertEquals(Shape.of(2), data.sampleShape());
        assertEquals(3, data.classes());
        assertArrayEquals(new float[] {1.5f, 2, -3, 0.4f, 5, 6}, features(data.train()));
        assertArrayEquals(new int[] {2, 0, 1}, labels(data.train()));
        assertArrayEquals(new float[] {7, 8}, features(data.test()));
        assertArrayEquals(new int[] {0}, labels(data.test()));
    }

    @Test
    void usesIntegerLabelsAsClassIdsAndTheLastColumnByDefault() throws IOException, DataException {
        Path train = csv("digits.csv", "a,b,label\n" + "1,2,3\n".repeat(4) + "5,6,0\n" + "1,1,7\n");
        Path test = csv("holdout.csv", "a,b,label\n9,9,1\n");

        Dataset data = CsvSource.load(train, test, null, 0.5, 0);

        assertEquals(8, data.classes());
        assertArrayEquals(new int[] {3, 3, 3, 3, 0, 7}, labels(data.train()));
        assertArrayEquals(new float[] {4.5f, 4.5f}, features(data.test()));
    }

    @Test
    void sortsNumericLabelNamesNumerically() throws IOException, DataException {
        Path train = csv("pm.csv", "x,y\n1,1\n2,-1\n3,10\n4,2\n5,1\n");
        Path test = csv("pm2.csv", "x,y\n6,-1\n");
        Dataset data = CsvSource.load(train, test, "y", 1.0, 0);
        // -1, 1, 2, 10 (as strings, "10" would sort before "2")
        assertArrayEquals(new int[] {1, 0, 3, 2, 1}, labels(data.train()));
    }

    @Test
    void holdsOutEveryFifthRowWithoutATestFile() throws IOException, DataException {
        StringBuilder rows = new StringBuilder("x,label\n");
        for (int i = 1; i <= 12; i++) rows.append(i).append(',').append(i % 3).append('\n');
        Path file = csv("table.csv", rows.toString());

        Dataset data = CsvSource.load(file, null, "label", 1.0, 0);

        assertArrayEquals(new float[] {5, 10}, features(data.test()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 6, 7, 8, 9, 11, 12}, features(data.train()));
        assertArrayEquals(new int[] {2, 1}, labels(data.test()));
    }

    @Test
    void findsTheTestFileByReplacingTrainWithTest() throws IOException {
        Path lower = csv("my_train_set.csv", "x\n");
        assertNull(CsvSource.conventionalTestFile(lower));
        Path test = csv("my_test_set.csv", "x\n");
        assertEquals(test, CsvSource.conventionalTestFile(lower));
        Path upper = csv("TRAIN.csv", "x\n");
        Path upperTest = csv("TEST.csv", "x\n");
        assertEquals(upperTest, CsvSource.conventionalTestFile(upper));
        assertNull(CsvSource.conventionalTestFile(csv("other.csv", "x\n")));
    }

    @Test
    void parsesShortDecimalsExactlyAsFloatParseFloat() {
        java.util.Random random = new java.util.Random(20261126);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(7);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) text.append('.');
                text.append((char) ('0' + random.nextInt(10)));
            }
            String cell = text.toString();
            assertEquals(Float.parseFloat(cell), CsvSource.decimal(cell, 0, cell.length()), cell);
        }
        for (String other : new String[] {"", "-", ".", "1.2.3", "12345678", "1e5", "NaN", "0x10", " 1"}) {
            assertEquals(Float.NaN, CsvSource.decimal(other, 0, other.length()), other);
        }
        assertEquals(-0.0f, CsvSource.decimal("x-0.0y", 1, 5));
    }

    @Test
    void parsesQuotedCells() throws DataException {
        assertEquals(java.util.List.of("a,b", "say \"hi\"", "", "3"),
                CsvSource.cells("\"a,b\", \"say \"\"hi\"\"\",,3", "here"));
        assertDataError(() -> CsvSource.cells("1,\"open", "f.csv:3"), "f.csv:3: a quoted cell is not closed");
    }

    @Test
    void reportsANonNumericCellWithRowAndColumn() throws IOException {
        Path file = csv("bad.csv", "width,height,kind\n1,2,a\n3,abc,b\n");
        assertDataError(() -> CsvSource.load(file, null, "kind", 1.0, 0),
                file + ":3:2: cell 'abc' in column 'height' is not a number",
                "every column but the label column 'kind' must hold numbers");
    }

    @Test
    void refusesNotANumberInfinityAndEmptyCells() throws IOException {
        Path nan = csv("nan.csv", "x,y\nNaN,1\n");
        assertDataError(() -> CsvSource.load(nan, null, "y", 1.0, 0), nan + ":2:1: cell 'NaN'", "not a number");
        Path big = csv("big.csv", "x,y\n1e39,1\n");
        assertDataError(() -> CsvSource.load(big, null, "y", 1.0, 0), big + ":2:1", "out of float32 range");
        Path empty = csv("empty.csv", "x,z,y\n1,,1\n");
        assertDataError(() -> CsvSource.load(empty, null, "y", 1.0, 0), empty + ":2:2", "column 'z' is empty");
        Path noLabel = csv("nolabel.csv", "x,y\n1, \n");
        assertDataError(() -> CsvSource.load(noLabel, null, "y", 1.0, 0), noLabel + ":2:2", "label cell");
    }

    @Test
    void reportsRowsOfTheWrongWidth() throws IOException {
        Path file = csv("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
        assertDataError(() -> CsvSource.load(file, null, "c", 1.0, 0), file + ":3: has 2 cells but the header has 3");
    }

    @Test
    void suggestsTheClosestColumnForAMisspelledLabel() throws IOException {
        Path file = csv("iris.csv", "sepal,petal,species\n1,2,a\n");
        assertDataError(() -> CsvSource.load(file, null, "specie", 1.0, 0), file + ":1",
                "no column 'specie'; its columns are 'sepal', 'petal', 'species'", "did you mean label=\"species\"?");
        assertDataError(() -> CsvSource.load(file, null, "zzzzzzzz", 1.0, 0), "label= must name one of the columns");
    }

    @Test
    void refusesEmptyFilesAndFilesWithoutDataOrFeatures() throws IOException {
        Path empty = csv("e.csv", "\n\n");
        assertDataError(() -> CsvSource.load(empty, null, null, 1.0, 0), empty + ": is empty");
        Path header = csv("h.csv", "a,b\n");
        assertDataError(() -> CsvSource.load(header, null, null, 1.0, 0), "has a header but no data rows");
        Path onlyLabel = csv("l.csv", "label\n1\n");
        assertDataError(() -> CsvSource.load(onlyLabel, null, null, 1.0, 0), "has one column only (the label)");
        Path few = csv("few.csv", "a,b\n1,2\n3,4\n");
        assertDataError(() -> CsvSource.load(few, null, null, 1.0, 0), "has only 2 data rows", "every 5th row");
    }

    @Test
    void refusesATestFileWithOtherColumns() throws IOException {
        Path train = csv("a.csv", "x,y\n1,0\n");
        Path test = csv("b.csv", "y,x\n0,1\n");
        assertDataError(() -> CsvSource.load(train, test, "y", 1.0, 0), test + ":1: its columns ('y', 'x') differ");
    }

    @Test
    void checksLabelsAgainstTheDeclaredClasses() throws IOException {
        Path train = csv("a.csv", "x,y\n1,0\n2,3\n");
        Path test = csv("b.csv", "x,y\n1,1\n");
        assertDataError(() -> CsvSource.load(train, test, "y", 1.0, 3), train + ":3:2: label 3 is out of range for 3 classes");
        Path names = csv("n.csv", "x,y\n1,cat\n2,dog\n3,eel\n");
        assertDataError(() -> CsvSource.load(names, test, "y", 1.0, 3), "4 distinct labels ('1', 'cat', 'dog', 'eel')",
                "declares 3 classes");
    }

    @Test
    void reportsAMissingFileAndNonUtf8Text() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertDataError(() -> CsvSource.load(missing, null, null, 1.0, 0), missing + ": no such file");
        Path latin = Files.write(dir.resolve("latin.csv"), new byte[] {'x', ',', 'y', '\n', '1', ',', (byte) 0xE9, '\n'});
        assertDataError(() -> CsvSource.load(latin, null, "y", 1.0, 0), latin + ": is not UTF-8 text");
    }

    private static float[] targets(Split split) {
        float[] y = new float[split.size() * split.targetWidth()];
        split.fillTargetValues(split.order(), 0, split.size(), y);
        return y;
    }

    @Test
    void readsRealTargetsFromSeveralLabelColumnsInTheNamedOrder() throws IOException, DataException {
        // Issue 14: a regression's targets, in the order `label=[...]` names them, not the file's.
        Path train = csv("r_train.csv", """
                a, y1, b, y2
                1, 0.5, 2, -3.25
                3, 1e-1, 4, 7
                """);
        csv("r_test.csv", "a,y1,b,y2\n5,2.5,6,-1\n");

        Dataset data = CsvSource.load(train, null, java.util.List.of("y2", "y1"), true, 1.0, 0);

        assertEquals(Shape.of(2), data.sampleShape());
        assertEquals(0, data.classes());
        assertEquals(2, data.train().targetWidth());
        assertArrayEquals(new float[] {1, 2, 3, 4}, features(data.train()));
        assertArrayEquals(new float[] {-3.25f, 0.5f, 7, 0.1f}, targets(data.train()));
        assertArrayEquals(new float[] {-1, 2.5f}, targets(data.test()));
        // A view keeps its rows' targets.
        assertArrayEquals(new float[] {7, 0.1f}, targets(data.train().slice(1, 2)));
    }

    @Test
    void heldOutRowsKeepTheirRealTargets() throws IOException, DataException {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 1; i <= 10; i++) rows.append(i).append(',').append(i + 0.5).append('\n');
        Dataset data = CsvSource.load(csv("one.csv", rows.toString()), null, java.util.List.of(), true, 1.0, 0);
        assertArrayEquals(new float[] {5.5f, 10.5f}, targets(data.test()));
        assertArrayEquals(new float[] {5, 10}, features(data.test()));
        assertEquals(8, data.train().size());
    }

    @Test
    void aTargetThatIsNotANumberIsLocated() throws IOException {
        Path file = csv("bad.csv", "x,y\n1,2.5\n2,setosa\n3,1\n4,1\n5,1\n");
        DataException e = assertDataError(() -> CsvSource.load(file, null, java.util.List.of("y"), true, 1.0, 0),
                "bad.csv:3:2", "regression target 'setosa'", "is not a number");
        assertEquals(dev.dlm.compiler.diag.Code.DLM1482, e.code());
        DataException several = assertDataError(() -> CsvSource.load(file, null, java.util.List.of("x", "y"), false, 1.0, 0),
                "several label columns");
        assertEquals(dev.dlm.compiler.diag.Code.DLM1482, several.code());
    }

    // ---- issue 14: each output its own labels (Keras's fit(x, [y1, y2])) ----

    private static dev.dlm.compiler.ir.DataSource.OutputLabels output(String name, boolean real, String... columns) {
        return new dev.dlm.compiler.ir.DataSource.OutputLabels(name, java.util.List.of(columns), real);
    }

    @Test
    void eachOutputReadsItsOwnColumnsAsClassesOrRealTargetsOverTheSameSamples() throws IOException, DataException {
        Path train = csv("shop_train.csv", """
                a, kind, price, b, rent
                1, cheap, 0.5, 2, 10
                3, dear, 7.25, 4, 20
                5, cheap, 1.5, 6, 30
                """);
        csv("shop_test.csv", "a,kind,price,b,rent\n7,dear,9.5,8,40\n");

        Dataset data = CsvSource.loadPerOutput(train, null, java.util.List.of(output("kind", false, "kind"),
                output("cost", true, "rent", "price")), 1.0, 0);

        // The features are the columns no output reads; the dataset's classes are output 0's.
        assertEquals(Shape.of(2), data.sampleShape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, features(data.train()));
        assertEquals(2, data.classes());
        assertEquals(2, data.train().outputCount());
        Split kind = data.train().forOutput(0), cost = data.train().forOutput(1);
        assertArrayEquals(new int[] {0, 1, 0}, labels(kind));
        assertEquals(2, cost.targetWidth());
        assertArrayEquals(new float[] {10, 0.5f, 20, 7.25f, 30, 1.5f}, targets(cost));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, features(cost), "the same samples");
        assertArrayEquals(new int[] {1}, labels(data.test().forOutput(0)));
        assertArrayEquals(new float[] {40, 9.5f}, targets(data.test().forOutput(1)));
        // A view (validation split, --limit) keeps every output's rows together.
        Split tail = data.train().slice(1, 3);
        assertArrayEquals(new int[] {1, 0}, labels(tail.forOutput(0)));
        assertArrayEquals(new float[] {20, 7.25f, 30, 1.5f}, targets(tail.forOutput(1)));
        // A split without own labels per output gives every output its labels.
        Split plain = CsvSource.load(train, null, java.util.List.of("kind"), false, 1.0, 0).train();
        assertEquals(plain, plain.forOutput(1));
    }

    @Test
    void oneColumnMayFeedAClassifierAndARegressionAndFractionsUnderAClassifierNameTheOutput() throws IOException, DataException {
        Path file = csv("c.csv", "x,y,z\n1,0,0.5\n2,1,1.5\n3,2,2.5\n4,1,3.5\n5,0,4.5\n");
        Dataset data = CsvSource.loadPerOutput(file, null, java.util.List.of(output("digit", false, "y"), output("value", true, "y")), 1.0, 0);
        assertArrayEquals(new int[] {0, 1, 2, 1}, labels(data.train().forOutput(0)));
        assertArrayEquals(new float[] {0, 1, 2, 1}, targets(data.train().forOutput(1)));
        assertEquals(3, data.classes());
        DataException e = assertDataError(() -> CsvSource.loadPerOutput(file, null,
                        java.util.List.of(output("digit", false, "y"), output("kind", false, "z")), 1.0, 0),
                "c.csv", "'z' holds real numbers such as '0.5'", "output `kind` is trained as a classifier");
        assertEquals(dev.dlm.compiler.diag.Code.DLM1482, e.code());
        assertTrue(e.hint().contains("train output `kind` as a regression"), e.hint());
    }
}
