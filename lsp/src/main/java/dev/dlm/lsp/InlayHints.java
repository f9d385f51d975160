package dev.dlm.lsp;

import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Range;

import java.util.ArrayList;
import java.util.List;

/**
 * An inlay hint after every checked layer, its output shape and parameter count as
 * {@code model.summary()} prints them ({@code (None, 256) · 200960 params}), and the model's
 * totals after its closing brace.
 */
final class InlayHints {
    private InlayHints() {}

    static List<InlayHint> hints(Analysis a, Range range) {
        List<InlayHint> out = new ArrayList<>();
        int from = range == null ? 0 : Positions.offset(a.source(), range.getStart());
        int to = range == null ? a.source().length() : Positions.offset(a.source(), range.getEnd());
        for (Analysis.Layer l : a.layers) {
            int at = l.call().span().end();
            if (!l.checked() || at < from || at > to) continue;
            InlayHint h = new InlayHint(Positions.position(a.source(), at), org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(label(l)));
            h.setKind(InlayHintKind.Type);
            h.setPaddingLeft(true);
            h.setTooltip(l.name() + " (" + l.kind() + "): " + l.input() + " → " + l.output() + "\nparams: " + l.formula());
            out.add(h);
        }
        if (a.totals != null && a.model != null) {
            int at = a.model.span().end();
            if (at >= from && at <= to) {
                InlayHint h = new InlayHint(Positions.position(a.source(), at), org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(total(a.totals)));
                h.setPaddingLeft(true);
                out.add(h);
            }
        }
        return out;
    }

    static String label(Analysis.Layer l) {
        return l.output() + " · " + l.params() + (l.params() == 1 ? " param" : " params");
    }

    static String total(Analysis.Totals t) {
        String s = String.format("Total params: %,d", t.total());
        return t.nonTrainable() == 0 ? s : s + String.format(" (trainable %,d, non-trainable %,d)", t.trainable(), t.nonTrainable());
    }
}
