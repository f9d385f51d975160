package dev.dlm.runtime.sweep.report;

import dev.dlm.compiler.keras.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five outputs of a sweep over a small report in the layout of the book's Table 1.3.2:
 * a cell within the noise, one outside it, one failed, one without a result yet.
 */
class SweepReportTest {

    static final List<String> COLUMNS = List.of("Layers", "Regularizer", "Optimizer", "ReLU");

    static Map<String, String> columns(String layers, String regularizer, String optimizer, String relu) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Layers", layers);
        m.put("Regularizer", regularizer);
        m.put("Optimizer", optimizer);
        m.put("ReLU", relu);
        return m;
    }

    static List<EpochPoint> curve(double... accuracies) {
        List<EpochPoint> points = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) points.add(new EpochPoint(i, accuracies[i], accuracies[i] - 0.005));
        return points;
    }

    static SweepReport report() {
        return new SweepReport("Table 1.3.2", COLUMNS, List.of(
                new ReportRow(0, columns("256-256-256", "None", "SGD", "No"), Map.of("relu", "false"),
                        0.9260, 0.925, 0.9271, 0.9262, 61.0, ReportRow.COMPLETED, "cell-0", curve(0.80, 0.90, 0.9271)),
                new ReportRow(1, columns("256-256-256", "Dropout(0.45)", "SGD", "Yes"), Map.of("dropout", "0.45"),
                        0.9807, 0.981, 0.9790, 0.9741, 64.5, ReportRow.COMPLETED, "cell-1", curve(0.85, 0.95, 0.979)),
                new ReportRow(2, columns("512-512-512", "Dropout(0.2), L2", "SGD", "Yes"), Map.of("dropout", "0.2"),
                        null, 0.983, null, null, 3.0, ReportRow.FAILED, "cell-2", List.of()),
                new ReportRow(3, columns("128-128-128", "Dropout(0.45)", "Adam", "Yes"), Map.of(),
                        null, 0.977, null, null, null, ReportRow.MISSING, null, List.of())),
                Noise.DEFAULT);
    }

    @Test
    void markdownHasTheBooksColumnsTheDifferencesAndMarksOutsideTheNoise(@TempDir Path dir) throws Exception {
        report().write(dir);
        List<String> lines = Files.readAllLines(dir.resolve(SweepReport.MARKDOWN));
        assertEquals("# Table 1.3.2", lines.get(0));
        assertEquals("| Cell | Layers | Regularizer | Optimizer | ReLU | Train accuracy (book) | Train accuracy (dlm) | Δ train (pp) "
                + "| Test accuracy (book) | Test accuracy (dlm) | Δ test (pp) | Seconds |", lines.get(2));
        assertEquals("| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", lines.get(3));
        assertEquals("| 0 | 256-256-256 | None | SGD | No | 92.60% | 92.71% | +0.11 | 92.50% | 92.62% | +0.12 | 61 |", lines.get(4));
        // -0.69 pp on test lies outside ±0.30; -0.17 on train does not.
        assertEquals("| 1 | 256-256-256 | Dropout(0.45) | SGD | Yes | 98.07% | 97.90% | −0.17 | 98.10% | 97.41% | −0.69 * | 65 |", lines.get(5));
        assertEquals("| 2 | 512-512-512 | Dropout(0.2), L2 | SGD | Yes | – | failed | – | 98.30% | failed | – | 3 |", lines.get(6));
        assertEquals("| 3 | 128-128-128 | Dropout(0.45) | Adam | Yes | – | missing | – | 97.70% | missing | – | – |", lines.get(7));
        String text = String.join("\n", lines);
        assertTrue(text.contains("Noise band: ±0.30 pp (documented constant"), text);
        assertTrue(text.contains("`*`: the difference lies outside it."), text);
        assertTrue(text.contains("2 of 4 cells completed; failed: 2; not finished: 3; 129 s of training in all."), text);
    }

    @Test
    void aPipeInAValueCannotBreakTheTable() {
        assertEquals("a\\|b c", MarkdownTable.escape("a|b\nc"));
    }

    @Test
    void csvQuotesFieldsWithCommasAndKeepsUnroundedFractions(@TempDir Path dir) throws Exception {
        report().write(dir);
        String csv = Files.readString(dir.resolve(SweepReport.CSV));
        String[] lines = csv.split("\r\n");
        assertEquals(5, lines.length);
        assertEquals("cell,Layers,Regularizer,Optimizer,ReLU,status,book_train_accuracy,train_accuracy,train_difference,"
                + "book_test_accuracy,test_accuracy,test_difference,outside_noise,seconds,run_dir", lines[0]);
        assertTrue(lines[2].startsWith("1,256-256-256,Dropout(0.45),SGD,Yes,completed,0.9807,0.979,"), lines[2]);
        assertTrue(lines[2].contains(",0.981,0.9741,") && lines[2].endsWith(",true,64.5,cell-1"), lines[2]);
        assertEquals("2,512-512-512,\"Dropout(0.2), L2\",SGD,Yes,failed,,,,0.983,,,,3.0,cell-2", lines[3]);
        assertEquals("\"say \"\"hi\"\"\"", CsvTable.field("say \"hi\""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsEveryCellWithBindingsDifferencesAndTotals(@TempDir Path dir) throws Exception {
        report().write(dir);
        Map<String, Object> json = JsonReader.object(Files.readString(dir.resolve(SweepReport.JSON)));
        assertEquals("Table 1.3.2", json.get("title"));
        assertEquals(0.003, (Double) ((Map<String, Object>) json.get("noise")).get("band"), 1e-12);
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        assertEquals(4L, totals.get("cells"));
        assertEquals(2L, totals.get("completed"));
        assertEquals(List.of(2L), totals.get("failed"));
        assertEquals(List.of(3L), totals.get("missing"));
        List<Map<String, Object>> cells = (List<Map<String, Object>>) json.get("cells");
        Map<String, Object> one = cells.get(1);
        assertEquals(Map.of("dropout", "0.45"), one.get("bindings"));
        assertEquals(List.of("Layers", "Regularizer", "Optimizer", "ReLU"), List.copyOf(((Map<String, Object>) one.get("columns")).keySet()));
        assertEquals(-0.0069, (Double) ((Map<String, Object>) one.get("difference")).get("test_accuracy"), 1e-9);
        assertEquals(true, ((Map<String, Object>) one.get("outside_noise")).get("test_accuracy"));
        assertEquals(false, ((Map<String, Object>) one.get("outside_noise")).get("train_accuracy"));
        assertNull(((Map<String, Object>) cells.get(2).get("measured")).get("test_accuracy"));
        assertEquals("missing", cells.get(3).get("status"));
    }

    @Test
    void accuracyChartIsWellFormedSvgWithABookAndADlmSeries(@TempDir Path dir) throws Exception {
        report().write(dir);
        Document svg = parse(dir.resolve(SweepReport.ACCURACY_CHART));
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        // Every cell has a book value; only the two completed cells have dlm's.
        assertEquals(List.of("0", "1", "2", "3"), cells(series(svg, "book"), "circle"));
        assertEquals(List.of("0", "1"), cells(series(svg, "dlm"), "circle"));
        assertEquals(4, ((Element) svg.getElementsByTagName("g").item(0)).getOwnerDocument()
                .getElementsByTagName("rect").getLength() - 2, "a noise band per book value, besides the background and the legend's");
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("Test accuracy (%)") && text.contains("1: 256-256-256, Dropout(0.45), SGD, Yes"), text);
        assertTrue(text.contains("2: 512-512-512, Dropout(0.2), L2, SGD, Yes (failed)"), text);
        assertTrue(text.contains("book ± 0.30 pp"), text);
    }

    @Test
    void curvesChartHasALineForEveryCellThatLoggedAnEpoch(@TempDir Path dir) throws Exception {
        report().write(dir);
        Document svg = parse(dir.resolve(SweepReport.CURVES_CHART));
        Element zero = series(svg, "cell 0");
        Element one = series(svg, "cell 1");
        assertNull(series(svg, "cell 2"), "a failed cell without history has no line");
        for (Element cell : List.of(zero, one)) {
            NodeList lines = cell.getElementsByTagName("polyline");
            assertEquals(2, lines.getLength());
            assertEquals("train", ((Element) lines.item(0)).getAttribute("class"));
            assertEquals("validation", ((Element) lines.item(1)).getAttribute("class"));
            assertEquals(3, ((Element) lines.item(0)).getAttribute("points").split(" ").length, "one point per epoch");
        }
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("Epoch") && text.contains("Accuracy (%)") && text.contains("validation accuracy"), text);
    }

    @Test
    void everyOutputIsWrittenWithoutLeavingTemporaryFiles(@TempDir Path dir) throws Exception {
        List<Path> written = report().write(dir);
        assertEquals(5, written.size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("accuracy.svg", "curves.svg", "results.csv", "results.json", "results.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void titlesAndLabelsAreEscapedInSvg(@TempDir Path dir) throws Exception {
        SweepReport r = new SweepReport("A <b> & \"c\"", List.of(), List.of(
                new ReportRow(0, Map.of(), Map.of("act", "<relu>"), null, 0.9, 0.8, 0.95, 1.0, ReportRow.COMPLETED, null,
                        curve(0.9))), Noise.DEFAULT);
        r.write(dir);
        Document svg = parse(dir.resolve(SweepReport.ACCURACY_CHART));
        assertTrue(svg.getDocumentElement().getTextContent().contains("0: act=<relu>"));
        parse(dir.resolve(SweepReport.CURVES_CHART));
    }

    @Test
    void noiseIsMeasuredFromCellsThatRepeatAConfigurationUnderSeveralSeeds() {
        List<ReportRow> rows = new ArrayList<>();
        double[][] tests = {{0.980, 0.982}, {0.970, 0.974}};
        int cell = 0;
        for (int config = 0; config < 2; config++) {
            for (int seed = 0; seed < 2; seed++) {
                Map<String, String> b = new LinkedHashMap<>();
                b.put("dropout", String.valueOf(config));
                b.put("seed", String.valueOf(seed));
                rows.add(new ReportRow(cell++, Map.of(), b, null, 0.98, null, tests[config][seed], 1.0, ReportRow.COMPLETED, null, List.of()));
            }
        }
        Noise noise = Noise.of(rows);
        // Pooled variance: (2 * 0.001^2 + 2 * 0.002^2) / 2 = 5e-6; twice its root.
        assertEquals(2 * Math.sqrt(5e-6), noise.band(), 1e-12);
        assertTrue(noise.source().startsWith("measured") && noise.source().contains("4 runs of 2 configurations"), noise.source());
        assertEquals(Noise.DEFAULT, Noise.of(rows.subList(0, 1)));
        assertFalse(Noise.DEFAULT.outside(0.003));
        assertTrue(Noise.DEFAULT.outside(-0.0031));
    }

    @Test
    void axesTickAtRoundValues() {
        Svg.Axis a = Svg.Axis.covering(97.41, 98.4, 1, 100, 0, 100, false);
        // Widened to the 1 pp minimum around the middle (97.405 to 98.405), then to whole steps.
        assertEquals(List.of(97.4, 97.6, 97.8, 98.0, 98.2, 98.4, 98.6), a.ticks());
        assertEquals("97.4", a.label(97.4));
        Svg.Axis epochs = Svg.Axis.covering(1, 3, 1, Double.POSITIVE_INFINITY, 0, 100, true);
        assertEquals(List.of(1.0, 2.0, 3.0), epochs.ticks());
        assertEquals("2", epochs.label(2));
        assertEquals(100, Svg.Axis.covering(99.2, 100, 1, 100, 0, 1, false).hi(), 1e-12, "accuracy stops at 100%");
    }

    @Test
    void historyCsvGivesTheLearningCurve() throws Exception {
        List<EpochPoint> points = LearningCurve.parse(List.of("epoch,accuracy,loss,val_accuracy,val_loss",
                "0,0.9,0.3,0.91,0.29", "1,0.95,0.2,,0.25"));
        assertEquals(List.of(new EpochPoint(0, 0.9, 0.91), new EpochPoint(1, 0.95, null)), points);
        assertEquals(List.of(new EpochPoint(0, null, null)), LearningCurve.parse(List.of("epoch,loss", "0,0.3")));
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The group {@code <g data-series="name">}, or null. */
    static Element series(Document svg, String name) {
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (name.equals(g.getAttribute("data-series"))) return g;
        }
        return null;
    }

    /** The {@code data-cell} of each {@code tag} element inside {@code group}. */
    static List<String> cells(Element group, String tag) {
        List<String> out = new ArrayList<>();
        NodeList nodes = group.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) out.add(((Element) nodes.item(i)).getAttribute("data-cell"));
        return out;
    }
}
