package dev.dlm.runtime.train;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.compiler.source.Span;
import dev.dlm.runtime.data.DataException;

/**
 * Problems found while running a checked model, as diagnostics located in the model's file:
 * data problems at the {@code data} item, training problems at the {@code train} block, so a
 * run's failures reach the same text, JSON, GitHub and SARIF output as the checker's.
 */
public final class RunProblems {
    private RunProblems() {}

    /** A data source that could not be used. */
    public static Diagnostic of(DataException e, CheckedModel model) {
        Span at = model.data() != null ? model.data().span() : model.span();
        return Diagnostic.error(e.code(), at, "cannot use the data: " + e.source() + ": " + e.problem())
                .label("data declared here")
                .help(e.hint())
                .build();
    }

    /** A run that cannot go on (a non-finite loss, a missing device, data that does not fit). */
    public static Diagnostic of(TrainingException e, CheckedModel model) {
        Span at = e.code() == Code.DLM0703 && model.data() != null ? model.data().span()
                : model.train() != null ? model.train().span() : model.span();
        return Diagnostic.error(e.code(), at, e.getMessage()).help(e.help()).build();
    }

    /** The memory estimate says the model cannot train here. */
    public static Diagnostic tooLarge(String message, CheckedModel model) {
        return Diagnostic.error(Code.DLM0308, model.span(), message)
                .label("model `" + model.name() + "`")
                .help("reduce batch_size or the layers' widths")
                .build();
    }

    /** An output file (such as {@code --metrics-out}) that cannot be written. */
    public static Diagnostic unwritable(String path, String reason, CheckedModel model) {
        return Diagnostic.error(Code.DLM0803, model.span(), "cannot write `" + path + "`: " + reason)
                .help("choose a writable path")
                .build();
    }
}
