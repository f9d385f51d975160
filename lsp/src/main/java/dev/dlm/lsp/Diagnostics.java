package dev.dlm.lsp;

import dev.dlm.compiler.diag.Diagnostic;
import dev.dlm.compiler.diag.Severity;
import dev.dlm.compiler.render.DiagnosticRenderer;
import dev.dlm.compiler.source.SourceFile;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiler's diagnostics as LSP diagnostics: code, range, a link to the code's page,
 * the help as part of the message, and the secondary labels ("first defined here") and notes
 * that name a place in the file ("the first is at mlp.dlm:14:5") as related locations.
 */
final class Diagnostics {
    private Diagnostics() {}

    static final String SOURCE = "dlmc";

    private static final Pattern AT = Pattern.compile("(?:at|is at) (\\S+):(\\d+):(\\d+)");

    static List<org.eclipse.lsp4j.Diagnostic> convert(Analysis a, String uri) {
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : a.compilation.diagnostics()) out.add(convert(d, uri));
        return out;
    }

    static org.eclipse.lsp4j.Diagnostic convert(Diagnostic d, String uri) {
        SourceFile file = d.span().file();
        var out = new org.eclipse.lsp4j.Diagnostic();
        out.setRange(Positions.range(d.span()));
        out.setSeverity(d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning);
        out.setCode(d.code().name());
        out.setCodeDescription(new DiagnosticCodeDescription(DiagnosticRenderer.DOCS + d.code().name() + ".md"));
        out.setSource(SOURCE);
        StringBuilder message = new StringBuilder(d.message());
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Diagnostic.Label l : d.secondary()) {
            related.add(new DiagnosticRelatedInformation(new Location(uri, Positions.range(l.span())), l.message()));
        }
        for (String note : d.notes()) {
            Matcher m = AT.matcher(note);
            if (m.find() && m.group(1).equals(file.name())) {
                int line = Integer.parseInt(m.group(2));
                if (line >= 1 && line <= file.lineCount()) {
                    int start = file.lineStart(line) + Integer.parseInt(m.group(3)) - 1;
                    related.add(new DiagnosticRelatedInformation(new Location(uri, Positions.range(file, start, start)), note));
                    continue;
                }
            }
            message.append("\nnote: ").append(note);
        }
        if (d.help() != null) message.append("\nhelp: ").append(d.help());
        out.setMessage(message.toString());
        if (!related.isEmpty()) out.setRelatedInformation(related);
        return out;
    }
}
