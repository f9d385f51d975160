package dev.dlm.lsp;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.dlm.lsp.LspSession.at;
import static dev.dlm.lsp.LspSession.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server through lsp4j's JSON-RPC over piped streams, as an editor talks to it. */
class ProtocolTest {

    static final String MLP = read("mlp.dlm");

    LspSession lsp;

    @BeforeEach
    void start() throws Exception {
        lsp = new LspSession();
        lsp.initialize(0);
    }

    @AfterEach
    void stop() throws Exception {
        lsp.close();
    }

    static String read(String model) {
        try {
            return Files.readString(LspSession.ROOT.resolve("models").resolve(model));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void initializeAnnouncesEveryFeature() throws Exception {
        try (LspSession other = new LspSession()) {
            InitializeResult r = other.initialize(0);
            var c = r.getCapabilities();
            assertEquals("dlmc", r.getServerInfo().getName());
            assertNotNull(c.getInlayHintProvider());
            assertTrue(c.getHoverProvider().getLeft());
            assertNotNull(c.getCompletionProvider());
            assertTrue(c.getDefinitionProvider().getLeft());
            assertTrue(c.getReferencesProvider().getLeft());
            assertTrue(c.getRenameProvider().getRight().getPrepareProvider());
            assertTrue(c.getDocumentFormattingProvider().getLeft());
            assertTrue(c.getDocumentRangeFormattingProvider().getLeft());
            assertTrue(c.getCodeActionProvider().getLeft());
            assertTrue(c.getFoldingRangeProvider().getLeft());
            assertTrue(c.getDocumentSymbolProvider().getLeft());
        }
    }

    @Test
    void aMistakeIsPublishedWithItsCodeRangeAndPage() throws Exception {
        String text = MLP.replace("    Dense(10)", "    Dense(10, activaton='softmax')");
        String uri = lsp.open("mlp.dlm", text);
        PublishDiagnosticsParams p = lsp.nextDiagnostics(uri);
        assertEquals(1, p.getDiagnostics().size(), p.getDiagnostics().toString());
        Diagnostic d = p.getDiagnostics().get(0);
        assertEquals("DLM0104", d.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertEquals(new Range(at(text, "activaton", 0, 0), at(text, "activaton", 0, "activaton".length())), d.getRange());
        assertTrue(d.getCodeDescription().getHref().endsWith("docs/errors/DLM0104.md"), d.getCodeDescription().getHref());
        assertTrue(d.getMessage().getLeft().contains("help: did you mean `activation`?"), d.getMessage().getLeft());
        assertEquals("dlmc", d.getSource());
        assertEquals(1, p.getVersion());

        // Fixing it clears the diagnostics of the new version.
        lsp.replace(uri, MLP);
        PublishDiagnosticsParams fixed = lsp.nextDiagnostics(uri);
        assertEquals(List.of(), fixed.getDiagnostics());
        assertEquals(2, fixed.getVersion());
    }

    @Test
    void aDuplicateNamesTheFirstDefinitionAsARelatedLocation() throws Exception {
        String text = MLP.replace("let dropout = 0.45", "let dropout = 0.45\nlet dropout = 0.5");
        String uri = lsp.open("mlp.dlm", text);
        Diagnostic d = lsp.nextDiagnostics(uri).getDiagnostics().get(0);
        assertEquals("DLM0102", d.getCode().getLeft());
        assertEquals(1, d.getRelatedInformation().size(), d.toString());
        assertEquals(at(text, "dropout", 0, 0), d.getRelatedInformation().get(0).getLocation().getRange().getStart());
    }

    @Test
    void hoverOnALayerShowsItsSignatureShapesAndParameterFormula() throws Exception {
        String uri = lsp.open("mlp.dlm", MLP);
        Hover h = get(lsp.server.getTextDocumentService().hover(new HoverParams(doc(uri), at(MLP, "Dense(hidden_units)", 0, 2))));
        String md = h.getContents().getRight().getValue();
        assertTrue(md.contains("Dense(units, activation='linear', use_bias=True, kernel_initializer='glorot_uniform'"), md);
        assertTrue(md.contains("input: `(None, 784)`"), md);
        assertTrue(md.contains("output: `(None, 256)`"), md);
        assertTrue(md.contains("kernel 784 × 256 + bias 256 = 200,960"), md);
        assertTrue(md.contains("**dense** (Dense)"), md);
    }

    @Test
    void hoverOnALetShowsItsValueAndOnALossItsDefinition() throws Exception {
        String text = MLP.replace("let hidden_units = 256", "let hidden_units = 2 * 128");
        String uri = lsp.open("mlp.dlm", text);
        Hover let = get(lsp.server.getTextDocumentService().hover(new HoverParams(doc(uri), at(text, "Dense(hidden_units)", 1, 8))));
        assertTrue(let.getContents().getRight().getValue().contains("value: `256`"), let.getContents().getRight().getValue());
        Hover loss = get(lsp.server.getTextDocumentService().hover(new HoverParams(doc(uri), at(text, "categorical_crossentropy", 0, 3))));
        assertTrue(loss.getContents().getRight().getValue().startsWith("**loss** `categorical_crossentropy`"));
        Hover adam = get(lsp.server.getTextDocumentService().hover(new HoverParams(doc(uri), at(text, "adam", 0, 1))));
        assertTrue(adam.getContents().getRight().getValue().contains("adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1.0e-7, amsgrad=False)"),
                adam.getContents().getRight().getValue());
        Hover relu = get(lsp.server.getTextDocumentService().hover(new HoverParams(doc(uri), at(text, "relu", 0, 1))));
        assertTrue(relu.getContents().getRight().getValue().contains("max(x, 0)"));
    }

    @Test
    void inlayHintsGiveEveryLayersShapeAndParamsAndTheTotal() throws Exception {
        String uri = lsp.open("mlp.dlm", MLP);
        List<InlayHint> hints = get(lsp.server.getTextDocumentService().inlayHint(
                new InlayHintParams(doc(uri), new Range(new Position(0, 0), new Position(1000, 0)))));
        List<String> labels = hints.stream().map(h -> h.getLabel().getLeft()).toList();
        assertEquals(List.of(
                "(None, 256) · 200960 params", "(None, 256) · 0 params", "(None, 256) · 0 params",
                "(None, 256) · 65792 params", "(None, 256) · 0 params", "(None, 256) · 0 params",
                "(None, 10) · 2570 params", "(None, 10) · 0 params",
                "Total params: 269,322"), labels);
        // Each hint sits at the end of its layer call.
        assertEquals(at(MLP, "Dense(hidden_units)", 0, "Dense(hidden_units)".length()), hints.get(0).getPosition());
        assertEquals(at(MLP, "    Dense(10)", 0, "    Dense(10)".length()), hints.get(6).getPosition());
    }

    @Test
    void functionalLayersGetTheirHintsAfterTheWholeItem() throws Exception {
        String text = """
                data mnist
                model two {
                    left = Input(shape=[784])
                    hidden = Dense(64, activation='relu')(left)
                    out = Dense(10, activation='softmax')(hidden)
                }
                """;
        String uri = lsp.open("two.dlm", text);
        List<InlayHint> hints = get(lsp.server.getTextDocumentService().inlayHint(
                new InlayHintParams(doc(uri), new Range(new Position(0, 0), new Position(1000, 0)))));
        List<String> labels = hints.stream().map(h -> h.getLabel().getLeft()).toList();
        // 784*64 + 64 = 50,240; 64*10 + 10 = 650
        assertEquals(List.of("(None, 64) · 50240 params", "(None, 10) · 650 params", "Total params: 50,890"), labels);
        String item = "hidden = Dense(64, activation='relu')(left)";
        assertEquals(at(text, item, 0, item.length()), hints.get(0).getPosition());
    }

    @Test
    void layersBeforeAMistakeKeepTheirHints() throws Exception {
        String text = MLP.replace("    Dense(10)", "    Dense(10, activaton='softmax')");
        String uri = lsp.open("mlp.dlm", text);
        List<InlayHint> hints = get(lsp.server.getTextDocumentService().inlayHint(
                new InlayHintParams(doc(uri), new Range(new Position(0, 0), new Position(1000, 0)))));
        assertEquals(6, hints.size(), hints.toString());
        assertEquals("(None, 256) · 65792 params", hints.get(3).getLabel().getLeft());
    }

    @Test
    void completionInsideDenseOffersItsArgumentsWithDefaults() throws Exception {
        String text = MLP.replace("    Dense(10)", "    Dense(10, )");
        String uri = lsp.open("mlp.dlm", text);
        List<CompletionItem> items = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "Dense(10, )", 0, "Dense(10, ".length())))).getLeft();
        CompletionItem activation = items.stream().filter(i -> i.getLabel().equals("activation")).findFirst().orElseThrow();
        assertEquals("an activation name = 'linear'", activation.getDetail());
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("use_bias")));
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("hidden_units")), "let names");

        String value = MLP.replace("    Dense(10)", "    Dense(10, activation='so')");
        lsp.replace(uri, value);
        List<CompletionItem> values = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(value, "'so'", 0, 3)))).getLeft();
        assertTrue(values.stream().anyMatch(i -> i.getLabel().equals("softmax")), values.toString());
        assertEquals(new Range(at(value, "'so'", 0, 1), at(value, "'so'", 0, 3)),
                values.get(0).getTextEdit().getLeft().getRange());
    }

    @Test
    void completionInAModelOffersLayerSnippetsAndInTrainTheLosses() throws Exception {
        String text = MLP.replace("    Activation('softmax')\n", "    Activation('softmax')\n    Con\n");
        String uri = lsp.open("mlp.dlm", text);
        List<CompletionItem> layers = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "    Con\n", 0, 7)))).getLeft();
        CompletionItem conv = layers.stream().filter(i -> i.getLabel().equals("Conv2D")).findFirst().orElseThrow();
        assertEquals("Conv2D(${1:filters}, ${2:kernel_size})$0", conv.getTextEdit().getLeft().getNewText());
        assertTrue(layers.stream().anyMatch(i -> i.getTextEdit().getLeft().getNewText().equals("Dense(${1:units})$0")));

        List<CompletionItem> losses = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "categorical_crossentropy", 0, 0)))).getLeft();
        assertTrue(losses.stream().anyMatch(i -> i.getLabel().equals("sparse_categorical_crossentropy")), losses.toString());
        List<CompletionItem> optimizers = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "adam", 0, 2)))).getLeft();
        assertTrue(optimizers.stream().anyMatch(i -> i.getLabel().equals("rmsprop")), optimizers.toString());
    }

    static final String TABLE = """
            let units = 256
            let optimizer = sgd
            data mnist
            model mlp(input=[784]) {
                Dense(units, activation='relu')
                Dense(10, activation='softmax')
            }
            train { loss = categorical_crossentropy; optimizer = optimizer; metrics = [accuracy] }
            sweep {
                cell "256, SGD" {
                    units = 256
                    reference train.accuracy = 0.99, test.accuracy = 0.98
                }
                cell "512, Adam" {
                    units = 512
                    optimizer = adam
                    expect params == 407_050
                }
                seed in [1, 2]
            }
            """;

    static String hover(LspSession lsp, String uri, Position at) throws Exception {
        Hover h = get(lsp.server.getTextDocumentService().hover(new HoverParams(doc(uri), at)));
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void hoverOnASweepCellGivesItsIndexesBindingsParamsAndReferences() throws Exception {
        String uri = lsp.open("table.dlm", TABLE);
        String first = hover(lsp, uri, at(TABLE, "\"256, SGD\"", 0, 3));
        assertTrue(first.startsWith("**cell** \"256, SGD\""), first);
        assertTrue(first.contains("Cells 0–1 of 4 (`dlmc sweep FILE --cell 0`)"), first);
        assertTrue(first.contains("- cell 0: units = 256, seed = 1 · 203,530 params"), first);
        assertTrue(first.contains("reference: train.accuracy 99.00%, test.accuracy 98.00%"), first);
        String second = hover(lsp, uri, at(TABLE, "cell \"512", 0, 2));
        assertTrue(second.contains("- cell 3: units = 512, optimizer = adam, seed = 2 · 407,050 params"), second);
        String reference = hover(lsp, uri, at(TABLE, "test.accuracy = 0.98", 0, 6));
        assertTrue(reference.startsWith("**reference** `test.accuracy`"), reference);
        String keyword = hover(lsp, uri, at(TABLE, "sweep {", 0, 2));
        assertTrue(keyword.startsWith("**sweep**") && keyword.contains("--dry-run"), keyword);
        String in = hover(lsp, uri, at(TABLE, "seed in", 0, 6));
        assertTrue(in.startsWith("**in**"), in);
    }

    @Test
    void completionInASweepOffersCellsAndInACellItsBindingsAndReferenceKeys() throws Exception {
        String text = TABLE.replace("    seed in [1, 2]\n", "    ce\n");
        String uri = lsp.open("table.dlm", text);
        List<CompletionItem> inSweep = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "    ce\n", 0, 6)))).getLeft();
        CompletionItem cell = inSweep.stream().filter(i -> i.getLabel().equals("cell")).findFirst().orElseThrow();
        assertEquals("cell \"${1:label}\" {\n\t$0\n}", cell.getTextEdit().getLeft().getNewText());
        text = TABLE.replace("        units = 512\n", "        un\n");
        lsp.replace(uri, text);
        List<CompletionItem> inCell = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "        un\n", 0, 10)))).getLeft();
        List<String> labels = inCell.stream().map(CompletionItem::getLabel).toList();
        assertTrue(labels.containsAll(List.of("units", "optimizer", "epochs", "expect", "reference")), labels.toString());
        assertFalse(labels.contains("cell"), labels.toString());
        text = TABLE.replace("        units = 512\n", "        reference \n");
        lsp.replace(uri, text);
        List<CompletionItem> keys = get(lsp.server.getTextDocumentService().completion(
                new CompletionParams(doc(uri), at(text, "reference \n", 0, 10)))).getLeft();
        assertEquals(List.of("train.accuracy", "train.loss", "test.accuracy", "test.loss"), keys.stream().map(CompletionItem::getLabel).toList());
        assertEquals("test.accuracy = $0", keys.get(2).getTextEdit().getLeft().getNewText());
    }

    @Test
    void quickFixReplacesAMisspeltActivation() throws Exception {
        String text = MLP.replace("Activation('softmax')", "Activation('softmx')");
        String uri = lsp.open("mlp.dlm", text);
        Diagnostic d = lsp.nextDiagnostics(uri).getDiagnostics().get(0);
        List<CodeAction> actions = get(lsp.server.getTextDocumentService().codeAction(
                new CodeActionParams(doc(uri), d.getRange(), new CodeActionContext(List.of(d))))).stream().map(e -> e.getRight()).toList();
        assertEquals(1, actions.size(), actions.toString());
        CodeAction fix = actions.get(0);
        assertEquals("quickfix", fix.getKind());
        assertEquals("DLM0107", fix.getDiagnostics().get(0).getCode().getLeft());
        String fixed = LspSession.apply(text, fix.getEdit().getChanges().get(uri));
        assertEquals(MLP, fixed);
    }

    @Test
    void quickFixesInsertFlattenAndUpdateAnExpectation() throws Exception {
        String cnn = read("cnn.dlm");
        String text = cnn.replace("    Flatten()\n", "").replace("80_266", "80_000");
        String uri = lsp.open("cnn.dlm", text);
        List<Diagnostic> ds = lsp.nextDiagnostics(uri).getDiagnostics();
        List<CodeAction> actions = get(lsp.server.getTextDocumentService().codeAction(new CodeActionParams(doc(uri),
                new Range(new Position(0, 0), new Position(1000, 0)), new CodeActionContext(ds)))).stream().map(e -> e.getRight()).toList();
        CodeAction flatten = actions.stream().filter(a -> a.getTitle().contains("Flatten")).findFirst().orElseThrow(() -> new AssertionError(actions + "\n" + ds));
        String withFlatten = LspSession.apply(text, flatten.getEdit().getChanges().get(uri));
        // The compiler's help puts Flatten() right before the Dense layer that needs rank 1.
        assertEquals(text.replace("    Dense(10) ", "    Flatten()\n    Dense(10) "), withFlatten);

        lsp.replace(uri, withFlatten);
        List<Diagnostic> expect = lsp.nextDiagnostics(uri).getDiagnostics();
        assertEquals("DLM0501", expect.get(0).getCode().getLeft());
        CodeAction update = get(lsp.server.getTextDocumentService().codeAction(new CodeActionParams(doc(uri),
                expect.get(0).getRange(), new CodeActionContext(expect)))).get(0).getRight();
        String updated = LspSession.apply(withFlatten, update.getEdit().getChanges().get(uri));
        assertEquals(withFlatten.replace("expect params == 80_000", "expect params == 80_266"), updated);
        lsp.replace(uri, updated);
        assertEquals(List.of(), lsp.nextDiagnostics(uri).getDiagnostics());
    }

    @Test
    void formattingRewritesToFmtsLayoutAndKeepsAParseErrorAlone() throws Exception {
        String messy = "let  hidden_units=256\ndata mnist\nmodel mlp(input=[784]) {\n  Dense( hidden_units ,activation='relu')\n      Dense(10)\n}\n";
        String uri = lsp.open("mlp.dlm", messy);
        List<? extends TextEdit> edits = get(lsp.server.getTextDocumentService().formatting(
                new DocumentFormattingParams(doc(uri), new FormattingOptions(4, true))));
        String formatted = LspSession.apply(messy, edits);
        assertEquals("let hidden_units = 256\n\ndata mnist\n\nmodel mlp(input=[784]) {\n    Dense(hidden_units, activation='relu')\n    Dense(10)\n}\n",
                formatted);

        // A range covering only the first layer's line changes only that line.
        List<? extends TextEdit> ranged = get(lsp.server.getTextDocumentService().rangeFormatting(
                new DocumentRangeFormattingParams(doc(uri), new FormattingOptions(4, true), new Range(new Position(3, 0), new Position(3, 5)))));
        String partly = LspSession.apply(messy, ranged);
        assertTrue(partly.contains("    Dense(hidden_units, activation='relu')\n      Dense(10)"), partly);
        assertTrue(partly.startsWith("let  hidden_units=256"), partly);

        lsp.replace(uri, "model m( {");
        assertEquals(List.of(), get(lsp.server.getTextDocumentService().formatting(
                new DocumentFormattingParams(doc(uri), new FormattingOptions(4, true)))));
    }

    @Test
    void renameALetChangesTheDeclarationAndEveryUse() throws Exception {
        String uri = lsp.open("mlp.dlm", MLP);
        var prepared = get(lsp.server.getTextDocumentService().prepareRename(new PrepareRenameParams(doc(uri), at(MLP, "hidden_units)", 0, 3))));
        assertEquals("hidden_units", prepared.getSecond().getPlaceholder());
        WorkspaceEdit edit = get(lsp.server.getTextDocumentService().rename(new RenameParams(doc(uri), at(MLP, "hidden_units)", 0, 3), "width")));
        List<TextEdit> edits = edit.getChanges().get(uri);
        assertEquals(3, edits.size());
        String renamed = LspSession.apply(MLP, edits);
        assertEquals(MLP.replace("hidden_units", "width"), renamed);

        ExecutionException bad = assertThrows(ExecutionException.class, () -> get(lsp.server.getTextDocumentService()
                .rename(new RenameParams(doc(uri), at(MLP, "hidden_units)", 0, 3), "dropout"))));
        assertInstanceOf(ResponseErrorException.class, bad.getCause());
        assertNull(get(lsp.server.getTextDocumentService().prepareRename(new PrepareRenameParams(doc(uri), at(MLP, "Dense", 0, 1)))));
    }

    @Test
    void definitionAndReferencesOfALet() throws Exception {
        String uri = lsp.open("mlp.dlm", MLP);
        List<? extends Location> def = get(lsp.server.getTextDocumentService().definition(
                new DefinitionParams(doc(uri), at(MLP, "Dropout(dropout)", 1, 9)))).getLeft();
        assertEquals(1, def.size());
        assertEquals(at(MLP, "dropout = 0.45", 0, 0), def.get(0).getRange().getStart());
        List<? extends Location> refs = get(lsp.server.getTextDocumentService().references(
                new ReferenceParams(doc(uri), at(MLP, "let dropout", 0, 5), new ReferenceContext(false))));
        assertEquals(2, refs.size());
    }

    @Test
    void outlineListsItemsAndLayersAndBlocksFold() throws Exception {
        String uri = lsp.open("mlp.dlm", MLP);
        List<DocumentSymbol> symbols = get(lsp.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(doc(uri))))
                .stream().map(e -> e.getRight()).toList();
        assertEquals(List.of("hidden_units", "dropout", "data mnist", "model mlp", "train", "expect params == 269_322",
                "expect test.accuracy >= 0.98"), symbols.stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol model = symbols.get(3);
        assertEquals("Total params: 269,322", model.getDetail());
        assertEquals(8, model.getChildren().size());
        assertEquals("dense_1 (Dense)", model.getChildren().get(3).getName());
        List<FoldingRange> folds = get(lsp.server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(doc(uri))));
        int modelLine = at(MLP, "model mlp", 0, 0).getLine();
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == modelLine && f.getEndLine() == modelLine + 9), folds.toString());
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == 0 && "comment".equals(f.getKind())), folds.toString());
    }

    @Test
    void shutdownThenExitEndsTheServerWithStatusZero() throws Exception {
        assertNull(get(lsp.server.shutdown()));
        lsp.server.exit();
        assertEquals(0, lsp.exitCode.get(10, TimeUnit.SECONDS));
    }

    @Test
    void incrementalEditsAreAppliedInOrder() throws Exception {
        String uri = lsp.open("mlp.dlm", MLP);
        lsp.nextDiagnostics(uri);
        var change = new org.eclipse.lsp4j.TextDocumentContentChangeEvent(
                new Range(at(MLP, "    Dense(10)", 0, 10), at(MLP, "    Dense(10)", 0, 12)), "12");
        lsp.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 2), List.of(change)));
        List<Diagnostic> ds = lsp.nextDiagnostics(uri).getDiagnostics();
        assertFalse(ds.isEmpty());
        assertTrue(ds.stream().anyMatch(d -> d.getCode().getLeft().equals("DLM0501")), ds.toString());
        List<InlayHint> hints = get(lsp.server.getTextDocumentService().inlayHint(
                new InlayHintParams(doc(uri), new Range(new Position(0, 0), new Position(1000, 0)))));
        assertEquals("(None, 12) · 3084 params", hints.get(6).getLabel().getLeft());
    }
}
