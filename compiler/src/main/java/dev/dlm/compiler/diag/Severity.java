package dev.dlm.compiler.diag;

/** How bad a diagnostic is. Errors fail {@code dlmc check}; warnings only with {@code --werror}. */
public enum Severity {
    ERROR("error"), WARNING("warning"), NOTE("note");

    private final String label;

    Severity(String label) { this.label = label; }

    /** The word shown in rendered diagnostics. */
    public String label() { return label; }
}
