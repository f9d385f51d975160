package dev.dlm.tests;

import dev.dlm.compiler.ir.Loss;
import dev.dlm.compiler.layers.ArgSpec;
import dev.dlm.compiler.layers.Catalogs;
import dev.dlm.compiler.layers.LayerCatalogue;
import dev.dlm.compiler.layers.LayerRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer reference {@code docs/layers.md} checked against the catalogues it documents:
 * a {@code ### Kind} section (or {@code ### KindA, KindB}) for every rule of
 * {@link LayerCatalogue#rules()} and none for an unknown kind, each listing every argument of
 * its kinds' signatures (in its argument table, or in the signature line of a section without
 * one) and no argument that none of them takes; and every activation, loss, optimizer
 * hyper-parameter, metric and initializer name of {@link Catalogs} in its own section.
 * Adding a layer or a name to the compiler without its documentation fails here, naming what
 * is missing.
 */
class LayersDocTest {

    private static final String PAGE = "docs/layers.md";

    /** A heading of level 2 or 3, and the text up to the next heading of level 2 or 3. */
    private static final Pattern SECTION = Pattern.compile("(?m)^(#{2,3}) (.+)\\n((?:(?!#{2,3} ).*\\n?)*)");

    /** A name in backticks. */
    private static final Pattern QUOTED = Pattern.compile("`([A-Za-z_0-9]+)`");

    record Section(int level, String title, String body) {}

    static List<Section> sections(String markdown) {
        List<Section> out = new ArrayList<>();
        Matcher m = SECTION.matcher(markdown);
        while (m.find()) out.add(new Section(m.group(1).length(), m.group(2).trim(), m.group(3)));
        return out;
    }

    /** The layer sections, by the kinds their headings name ({@code ### SimpleRNN, LSTM, GRU}). */
    private static Map<String, Section> layerSections() {
        Map<String, Section> byKind = new LinkedHashMap<>();
        for (Section s : sections(Repo.read(Repo.ROOT.resolve(PAGE)))) {
            if (s.level() != 3) continue;
            for (String kind : s.title().split(",\\s*")) {
                Section before = byKind.put(kind, s);
                assertTrue(before == null, PAGE + " documents `" + kind + "` twice");
            }
        }
        return byKind;
    }

    /**
     * The arguments a layer section lists: the first column of its argument table (the one
     * headed {@code | argument |}), or, in a section without one, the parameters of the
     * {@code `Kind(a, b=1)`} signature that opens it.
     */
    static Set<String> listedArguments(Section section) {
        Set<String> names = new LinkedHashSet<>();
        boolean inTable = false;
        for (String line : section.body().lines().toList()) {
            if (line.startsWith("| argument |")) inTable = true;
            else if (!line.startsWith("|")) inTable = false;
            else if (inTable && line.startsWith("| `")) names.addAll(quoted(line.split("\\|")[1]));
        }
        if (!names.isEmpty()) return names;
        Matcher signature = Pattern.compile("`[A-Za-z0-9]+\\(([^)`]*)\\)`").matcher(section.body());
        if (signature.find()) {
            for (String parameter : signature.group(1).split(",")) {
                String name = parameter.split("=")[0].trim();
                if (!name.isEmpty()) names.add(name);
            }
        }
        return names;
    }

    private static Section section(String title) {
        return sections(Repo.read(Repo.ROOT.resolve(PAGE))).stream()
                .filter(s -> s.level() == 2 && s.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError(PAGE + " has no `## " + title + "` section"));
    }

    private static Set<String> quoted(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void everyLayerKindHasASectionAndNoSectionNamesAnUnknownKind() {
        Map<String, Section> sections = layerSections();
        List<String> undocumented = LayerCatalogue.rules().stream().map(r -> r.kind().kerasName())
                .filter(k -> !sections.containsKey(k)).toList();
        assertEquals(List.of(), undocumented, "layer kinds without a `### Kind` section in " + PAGE);
        List<String> unknown = sections.keySet().stream().filter(k -> LayerCatalogue.rule(k) == null).toList();
        assertEquals(List.of(), unknown, "`###` sections in " + PAGE + " that name no layer kind of LayerCatalogue");
    }

    @Test
    void everySectionListsExactlyItsKindsArguments() {
        List<String> problems = new ArrayList<>();
        Map<Section, Set<String>> taken = new LinkedHashMap<>();
        layerSections().forEach((kind, section) -> {
            LayerRule rule = LayerCatalogue.rule(kind);
            if (rule == null) return;
            Set<String> listed = listedArguments(section);
            for (ArgSpec arg : rule.signature()) {
                if (!listed.contains(arg.name())) problems.add("`### " + section.title() + "` does not list `" + arg.name() + "` of " + kind);
                taken.computeIfAbsent(section, s -> new LinkedHashSet<>()).add(arg.name());
            }
        });
        taken.forEach((section, args) -> {
            for (String listed : listedArguments(section)) {
                if (!args.contains(listed)) problems.add("`### " + section.title() + "` lists `" + listed + "`, an argument none of its kinds takes");
            }
        });
        assertEquals(List.of(), problems, PAGE + " is out of step with the layer rules");
    }

    @Test
    void everyCatalogueNameIsListed() {
        List<String> missing = new ArrayList<>();
        Set<String> activations = quoted(section("Activations").body());
        for (String a : Catalogs.ACTIVATIONS) if (!activations.contains(a)) missing.add("activation `" + a + "`");
        Set<String> losses = quoted(section("Losses").body());
        for (String l : Loss.names()) if (!losses.contains(l)) missing.add("loss `" + l + "`");
        Set<String> metrics = quoted(section("Metrics").body());
        for (String m : Catalogs.METRICS) if (!metrics.contains(m)) missing.add("metric `" + m + "`");
        Set<String> initializers = quoted(section("Initializers").body());
        for (String i : Catalogs.INITIALIZERS.keySet()) if (!initializers.contains(i)) missing.add("initializer `" + i + "`");
        Map<String, Set<String>> optimizers = optimizerTable(section("Optimizers").body());
        Catalogs.OPTIMIZERS.forEach((name, form) -> {
            Set<String> listed = optimizers.get(name);
            if (listed == null) {
                missing.add("optimizer `" + name + "`");
                return;
            }
            for (String h : form.defaults().keySet()) if (!listed.contains(h)) missing.add("hyper-parameter `" + h + "` of optimizer `" + name + "`");
        });
        assertEquals(List.of(), missing, "names the compiler accepts that " + PAGE + " does not list");
    }

    @Test
    void tablesListNoUnknownName() {
        List<String> unknown = new ArrayList<>();
        for (String l : firstColumn(section("Losses").body())) if (Catalogs.loss(l) == null) unknown.add("loss `" + l + "`");
        for (String i : firstColumn(section("Initializers").body())) if (Catalogs.initializer(i) == null) unknown.add("initializer `" + i + "`");
        optimizerTable(section("Optimizers").body()).forEach((name, hypers) -> {
            Catalogs.OptimizerForm form = Catalogs.OPTIMIZERS.get(name);
            if (form == null) {
                unknown.add("optimizer `" + name + "`");
                return;
            }
            for (String h : hypers) if (!form.defaults().containsKey(h)) unknown.add("hyper-parameter `" + h + "` of `" + name + "`");
        });
        assertEquals(List.of(), unknown, "names in " + PAGE + "'s tables that the compiler does not accept");
    }

    /** The names in the first column of a table's rows ({@code | `a`, `b` | ...}). */
    private static Set<String> firstColumn(String body) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : body.lines().toList()) {
            if (!line.startsWith("| `")) continue;
            names.addAll(quoted(line.split("\\|")[1]));
        }
        return names;
    }

    /** The optimizer table: each optimizer's name (first column) with the hyper-parameters of its rows. */
    private static Map<String, Set<String>> optimizerTable(String body) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : body.lines().toList()) {
            if (!line.startsWith("|") || line.startsWith("| ---") || line.startsWith("| optimizer")) continue;
            String[] cells = line.split("\\|");
            Set<String> name = quoted(cells[1]);
            if (!name.isEmpty()) table.put(name.iterator().next(), current = new LinkedHashSet<>());
            if (current != null) current.addAll(quoted(cells[2]));
        }
        return table;
    }

    @Test
    void argumentsAreReadFromTheTableOrElseTheSignature() {
        Section withTable = new Section(3, "Dropout", "`Dropout(rate, seed=None)`\n\n| argument | type |\n| --- | --- |\n| `rate` | rate |\n"
                + "\n| | Dropout |\n| --- | --- |\n| `kernel` | none |\n");
        assertEquals(Set.of("rate"), listedArguments(withTable));
        Section withoutTable = new Section(3, "Flatten", "`Flatten(data_format='channels_last', keepdims=False)` — any rank\n");
        assertEquals(Set.of("data_format", "keepdims"), listedArguments(withoutTable));
        assertEquals(List.of("A", "B"), sections("## A\ntext\n### B\nmore\n").stream().map(Section::title).toList());
    }
}
