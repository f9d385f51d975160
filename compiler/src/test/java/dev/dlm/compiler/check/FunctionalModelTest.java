package dev.dlm.compiler.check;

import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.compiler.ast.BodyItem;
import dev.dlm.compiler.ast.Expr;
import dev.dlm.compiler.ast.Item;
import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.ir.LayerGraph;
import dev.dlm.compiler.ir.LayerNode;
import dev.dlm.compiler.ir.ModelInput;
import dev.dlm.compiler.render.SummaryRenderer;
import dev.dlm.compiler.shape.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The functional form: its syntax, the graph the checker builds, Keras's names and counts,
 * and every error the form adds (mixing forms, dangling tensors, unused inputs and layers,
 * merge mismatches located at both operands, shared layers, undefined names).
 */
class FunctionalModelTest {

    private static Compilation compile(String body) {
        return compile("", body);
    }

    private static Compilation compile(String header, String body) {
        return DlmCompiler.compile("f.dlm", "model m" + header + " {\n" + body + "}\n");
    }

    private static CheckedModel ok(String body) {
        Compilation c = compile(body);
        assertNotNull(c.model(), () -> "expected no errors, got " + c.diagnostics());
        return c.model();
    }

    private static Diagnostic only(Compilation c, Code code) {
        List<Diagnostic> errors = c.diagnostics().stream().filter(d -> d.code() == code).toList();
        assertEquals(1, errors.size(), () -> "expected one " + code + ", got " + c.diagnostics());
        assertNull(c.model());
        return errors.get(0);
    }

    @Test
    void parsesAssignmentsIntoBodyItems() {
        Compilation c = compile("    x = Input(shape=[4])\n    s = Dense(3)\n    y = s(x)\n    z = Concatenate(axis=-1)([x, y])\n");
        Item.Model m = (Item.Model) c.ast().items().get(0);
        assertTrue(m.functional());
        assertEquals(4, m.body().size());
        BodyItem.Assign input = (BodyItem.Assign) m.body().get(0);
        assertEquals("x", input.target());
        assertNull(input.applied());
        BodyItem.Assign merge = (BodyItem.Assign) m.body().get(3);
        assertEquals("Concatenate", merge.call().callee());
        Expr.Sequence applied = assertInstanceOf(Expr.Sequence.class, merge.applied());
        assertEquals(2, applied.items().size());
        assertEquals("z = Concatenate(axis=-1)([x, y])", merge.span().text());
    }

    @Test
    void theYNetworkOfTheDesignBuildsATwoInputGraph() {
        CheckedModel m = ok("""
                    left  = Input(shape=[28, 28, 1])
                    right = Input(shape=[28, 28, 1])
                    a = Conv2D(32, 3, padding='same', activation='relu')(left)
                    b = Conv2D(32, 3, padding='same', activation='relu')(right)
                    y = Concatenate()([a, b])
                    y = Flatten()(y)
                    out = Dense(10, activation='softmax')(y)
                """);
        LayerGraph g = m.graph();
        assertTrue(g.functional());
        assertEquals(List.of(new ModelInput("input_1", Shape.of(28, 28, 1), "left"), new ModelInput("input_2", Shape.of(28, 28, 1), "right")), g.inputs());
        assertEquals(List.of("conv2d", "conv2d_1", "concatenate", "flatten", "dense"), g.nodes().stream().map(LayerNode::name).toList());
        assertEquals(List.of("conv2d", "conv2d_1"), g.producer("concatenate").inputs());
        assertEquals(List.of(Shape.of(28, 28, 32), Shape.of(28, 28, 32)), g.producer("concatenate").layer().inputs());
        assertEquals(Shape.of(28, 28, 64), g.shapeOf("concatenate"));
        assertEquals(List.of("dense"), g.outputs());
        // Keras: 2 x (3*3*1*32 + 32) + 28*28*64*10 + 10 = 640 + 501_770
        assertEquals(502_410, m.totalParams());
    }

    @Test
    void aSharedLayerHasOneSetOfWeightsAndANodePerApplication() {
        CheckedModel m = ok("""
                    a = Input(shape=[8])
                    b = Input(shape=[8])
                    shared = Dense(4)
                    p = shared(a)
                    q = shared(b)
                    s = Add()([p, q])
                """);
        LayerGraph g = m.graph();
        assertEquals(List.of("dense", "dense[1]", "add"), g.nodes().stream().map(LayerNode::name).toList());
        assertSame(g.nodes().get(0).layer(), g.nodes().get(1).layer());
        assertEquals(1, g.nodes().get(1).index());
        assertEquals(List.of("dense", "dense[1]"), g.producer("add").inputs());
        assertEquals(List.of("dense", "add"), g.layers().stream().map(l -> l.name()).toList());
        // Keras counts the shared Dense once: 8*4 + 4 = 36 (keras 3.15's summary says 36)
        assertEquals(36, m.totalParams());
        String summary = SummaryRenderer.text(m);
        assertTrue(summary.contains("dense (Dense)                   (None, 4)            36          input_1[0][0]"), summary);
        assertTrue(summary.contains("\n                                                                 input_2[0][0]"), summary);
        assertTrue(summary.contains("add (Add)                       (None, 4)            0           dense[0][0]"), summary);
        assertTrue(summary.contains("\n                                                                 dense[1][0]"), summary);
    }

    @Test
    void aSharedLayerAppliedToAnotherShapeIsAnError() {
        Diagnostic d = only(compile("""
                    a = Input(shape=[8])
                    b = Input(shape=[6])
                    shared = Dense(4)
                    p = shared(a)
                    q = shared(b)
                    s = Add()([p, q])
                """), Code.DLM1405);
        assertEquals("b", d.span().text());
        assertTrue(d.message().contains("[8]") && d.message().contains("[6]"), d.message());
    }

    @Test
    void sequentialAndFunctionalItemsCannotMix() {
        Diagnostic d = only(compile("    x = Input(shape=[4])\n    Dense(3)\n"), Code.DLM1400);
        assertEquals("Dense(3)", d.span().text());
        assertEquals("x = Input(shape=[4])", d.secondary().get(0).span().text());
    }

    @Test
    void aTensorNobodyReadsIsDangling() {
        Diagnostic d = only(compile("""
                    x = Input(shape=[4])
                    h = Dense(8)(x)
                    g = Dense(8)(x)
                    out = Dense(2)(g)
                """), Code.DLM1401);
        assertEquals("h = Dense(8)(x)", d.span().text());
    }

    @Test
    void reBindingANameBeforeReadingItLeavesADanglingTensor() {
        Diagnostic d = only(compile("""
                    x = Input(shape=[4])
                    y = Dense(8)(x)
                    y = Dense(2)(x)
                """), Code.DLM1401);
        assertEquals("y = Dense(8)(x)", d.span().text());
        assertEquals("y", d.secondary().get(0).span().text());
    }

    @Test
    void reBindingANameReadsItsEarlierDefinition() {
        CheckedModel m = ok("    x = Input(shape=[2, 3])\n    y = Flatten()(x)\n    y = Dense(4)(y)\n    y = Dense(2)(y)\n");
        assertEquals(List.of("flatten"), m.graph().producer("dense").inputs());
        assertEquals(List.of("dense"), m.graph().producer("dense_1").inputs());
        assertEquals(List.of("dense_1"), m.graph().outputs());
    }

    @Test
    void anUnusedInputIsAnError() {
        Diagnostic d = only(compile("""
                    x = Input(shape=[4])
                    unused = Input(shape=[4])
                    y = Dense(2)(x)
                """), Code.DLM1402);
        assertEquals("unused = Input(shape=[4])", d.span().text());
    }

    @Test
    void aLayerDefinedButNeverAppliedIsAnError() {
        Diagnostic d = only(compile("    x = Input(shape=[4])\n    s = Dense(3)\n    y = Dense(2)(x)\n"), Code.DLM1402);
        assertEquals("s = Dense(3)", d.span().text());
    }

    @Test
    void readingAnUndefinedNameSuggestsTheClosestTensor() {
        Diagnostic d = only(compile("    inputs = Input(shape=[4])\n    y = Dense(2)(input)\n"), Code.DLM0101);
        assertEquals("input", d.span().text());
        assertEquals("did you mean `inputs`?", d.help());
    }

    @Test
    void aLayerCannotReadItsOwnOutput() {
        // A name means its latest assignment above; `y` is not assigned before this line, so no cycle can be written.
        Diagnostic d = only(compile("    x = Input(shape=[4])\n    y = Dense(4)(y)\n"), Code.DLM0101);
        assertTrue(d.notes().get(0).contains("cannot read its own output"), d.notes().toString());
    }

    @Test
    void mergeMismatchesLocateBothOperands() {
        Diagnostic d = only(compile("""
                    x = Input(shape=[4])
                    a = Dense(8)(x)
                    b = Dense(6)(x)
                    s = Add()([a, b])
                """), Code.DLM1403);
        assertEquals("Add()", d.span().text());
        assertEquals(List.of("a = Dense(8)(x)", "b = Dense(6)(x)"), d.secondary().stream().map(l -> l.span().text()).toList());
        assertEquals(List.of("input 1: (None, 8)", "input 2: (None, 6)"), d.secondary().stream().map(l -> l.message()).toList());
    }

    @Test
    void concatenateNeedsEqualSizesOffItsAxis() {
        Diagnostic d = only(compile("""
                    x = Input(shape=[4, 4, 1])
                    y = Input(shape=[2, 2, 1])
                    c = Concatenate()([x, y])
                """), Code.DLM1403);
        assertEquals(2, d.secondary().size());
        // axis=1 joins the first sample axis: [4, 3] and [2, 3] -> [6, 3]
        CheckedModel m = ok("    x = Input(shape=[4, 3])\n    y = Input(shape=[2, 3])\n    c = Concatenate(axis=1)([x, y])\n");
        assertEquals(Shape.of(6, 3), m.output());
        only(compile("    x = Input(shape=[4])\n    y = Input(shape=[4])\n    c = Concatenate(axis=0)([x, y])\n"), Code.DLM0202);
    }

    @Test
    void elementwiseMergesBroadcastAsKerasDoes() {
        // Keras's _compute_elemwise_op_output_shape: (4, 3) with (1, 3) -> (4, 3); (5,) with (4, 5) -> (4, 5)
        assertEquals(Shape.of(4, 3), ok("    x = Input(shape=[4, 3])\n    y = Input(shape=[1, 3])\n    s = Multiply()([x, y])\n").output());
        assertEquals(Shape.of(4, 5), ok("    x = Input(shape=[5])\n    y = Input(shape=[4, 5])\n    s = Maximum()([x, y])\n").output());
        assertEquals(Shape.of(3), ok("    x = Input(shape=[3])\n    y = Input(shape=[3])\n    z = Input(shape=[3])\n    s = Average()([x, y, z])\n").output());
    }

    @Test
    void subtractTakesExactlyTwoTensorsAndMergesTakeLists() {
        only(compile("    x = Input(shape=[3])\n    y = Input(shape=[3])\n    z = Input(shape=[3])\n    s = Subtract()([x, y, z])\n"), Code.DLM1404);
        only(compile("    x = Input(shape=[3])\n    s = Add()(x)\n"), Code.DLM1404);
        only(compile("    x = Input(shape=[3])\n    y = Input(shape=[3])\n    s = Dense(2)([x, y])\n"), Code.DLM1404);
        assertEquals(Shape.of(3), ok("    x = Input(shape=[3])\n    y = Input(shape=[3])\n    s = Subtract()([x, y])\n").output());
    }

    @Test
    void dotFollowsKerasShapes() {
        // Dot(axes=1) of (None, 4) and (None, 4) is (None, 1); of (None, 3, 4) and (None, 3, 5) along axes 1 is (None, 4, 5)
        assertEquals(Shape.of(1), ok("    x = Input(shape=[4])\n    y = Input(shape=[4])\n    d = Dot(axes=1)([x, y])\n").output());
        assertEquals(Shape.of(4, 5), ok("    x = Input(shape=[3, 4])\n    y = Input(shape=[3, 5])\n    d = Dot(axes=1)([x, y])\n").output());
        assertEquals(Shape.of(3, 3), ok("    x = Input(shape=[3, 4])\n    y = Input(shape=[3, 4])\n    d = Dot(axes=(2, 2))([x, y])\n").output());
        only(compile("    x = Input(shape=[3, 4])\n    y = Input(shape=[3, 5])\n    d = Dot(axes=-1)([x, y])\n"), Code.DLM1403);
    }

    @Test
    void severalOutputsComeFromTheHeader() {
        Compilation c = compile("(outputs=[a, b])", "    x = Input(shape=[4])\n    a = Dense(2)(x)\n    b = Dense(3)(x)\n");
        assertNotNull(c.model(), c.diagnostics().toString());
        assertEquals(List.of("dense", "dense_1"), c.model().graph().outputs());
        // Issue 14: one loss trains every output (Keras's compile(loss=...)), logged by Keras's output names.
        Compilation trained = DlmCompiler.compile("f.dlm", "data mnist\nmodel m(outputs=[a, b]) {\n    x = Input(shape=[784])\n"
                + "    a = Dense(10, activation='softmax')(x)\n    b = Dense(10, activation='softmax')(x)\n}\n"
                + "train {\n    loss = categorical_crossentropy\n}\n");
        assertNotNull(trained.model(), trained.diagnostics().toString());
        assertEquals(List.of("loss", "dense_loss", "dense_1_loss"), trained.model().train().loggedMetrics());
    }

    @Test
    void namesThatAreLayersOrTensorsAreNotInterchangeable() {
        only(compile("    x = Input(shape=[4])\n    s = Dense(2)\n    y = Dense(2)(s)\n    z = s(x)\n    w = Add()([y, z])\n"), Code.DLM1406);
        only(compile("    x = Input(shape=[4])\n    y = x(x)\n"), Code.DLM1406);
    }

    @Test
    void aFunctionalModelNeedsAnInputAndNoHeaderInput() {
        only(compile("    s = Dense(2)\n"), Code.DLM1407);
        only(compile("(input=[4])", "    x = Input(shape=[4])\n    y = Dense(2)(x)\n"), Code.DLM1407);
    }

    @Test
    void everyInputReadsTheDataSample() {
        Compilation c = DlmCompiler.compile("f.dlm", "data mnist\nmodel m {\n    x = Input(shape=[28, 28, 1])\n    y = Input(shape=[785])\n"
                + "    z = Concatenate()([Flatten()(x), y])\n}\n");
        // `Flatten()(x)` inside a list is not a tensor name
        assertFalse(c.diagnostics().isEmpty());
        Compilation bad = DlmCompiler.compile("f.dlm", "data mnist\nmodel m {\n    x = Input(shape=[785])\n    y = Dense(10)(x)\n}\n");
        assertEquals("x = Input(shape=[785])", only(bad, Code.DLM0304).span().text());
    }

    @Test
    void jsonGainsInputsPerLayer() {
        CheckedModel m = ok("    a = Input(shape=[8])\n    b = Input(shape=[8])\n    s = Dense(4)\n    p = s(a)\n    q = s(b)\n    c = Concatenate()([p, q])\n");
        Map<String, Object> tree = SummaryRenderer.jsonTree(m);
        @SuppressWarnings("unchecked") List<Map<String, Object>> layers = (List<Map<String, Object>>) tree.get("layers");
        assertEquals(List.of("input_1"), layers.get(0).get("inputs"));
        assertEquals(2, layers.get(0).get("applications"));
        assertEquals(List.of("dense", "dense[1]"), layers.get(1).get("inputs"));
        assertEquals(List.of("concatenate"), tree.get("outputs"));
    }

    @Test
    void expectationsReadFunctionalLayers() {
        String body = "data mnist\nmodel m {\n    x = Input(shape=[784])\n    a = Dense(8)(x)\n    b = Dense(8)(x)\n"
                + "    c = Concatenate()([a, b])\n    out = Dense(10, activation='softmax')(c)\n}\n";
        assertNull(DlmCompiler.compile("f.dlm", body + "expect concatenate.output == [16]\nexpect params == 2 * (784 * 8 + 8) + 16 * 10 + 10\n")
                .diagnostics().stream().filter(d -> d.severity() == dev.dlm.compiler.diag.Severity.ERROR).findFirst().orElse(null));
        only(DlmCompiler.compile("f.dlm", body + "expect concatenate.input == [16]\n"), Code.DLM0502);
    }
}
