package dev.dlm.runtime.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON reader for the files dlm itself writes ({@code run.json}, checkpoint states):
 * objects become insertion-ordered maps, arrays lists, integers {@link Long}, other numbers
 * {@link Double} (parsed exactly, so doubles written with {@code Double.toString} round-trip).
 */
public final class JsonText {

    private final String text;
    private int at;

    private JsonText(String text) { this.text = text; }

    /** The value of {@code text}; throws {@link IllegalArgumentException} with the offset when it is not JSON. */
    public static Object parse(String text) {
        JsonText p = new JsonText(text);
        Object v = p.value();
        p.space();
        if (p.at != text.length()) throw p.error("trailing text");
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) throw new IllegalArgumentException("not a JSON object");
        return (Map<String, Object>) v;
    }

    private Object value() {
        space();
        if (at >= text.length()) throw error("unexpected end");
        char c = text.charAt(at);
        switch (c) {
            case '{': {
                at++;
                Map<String, Object> m = new LinkedHashMap<>();
                space();
                if (peek('}')) return m;
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    m.put(key, value());
                    space();
                } while (peek(','));
                expect('}');
                return m;
            }
            case '[': {
                at++;
                List<Object> l = new ArrayList<>();
                space();
                if (peek(']')) return l;
                do l.add(value()); while (skipSpaceThen(','));
                space();
                expect(']');
                return l;
            }
            case '"':
                return string();
            default:
                if (text.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
                if (text.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
                if (text.startsWith("null", at)) { at += 4; return null; }
                return number();
        }
    }

    private boolean skipSpaceThen(char c) {
        space();
        return peek(c);
    }

    private Object number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
        String n = text.substring(start, at);
        if (n.isEmpty()) throw error("unexpected character");
        try {
            return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw error("bad number " + n);
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (at >= text.length()) throw error("unterminated string");
            char c = text.charAt(at++);
            if (c == '"') return sb.toString();
            if (c != '\\') { sb.append(c); continue; }
            char e = text.charAt(at++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> { sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16)); at += 4; }
                default -> sb.append(e);
            }
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    private boolean peek(char c) {
        if (at < text.length() && text.charAt(at) == c) { at++; return true; }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("expected '" + c + "'");
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + at + ": " + what);
    }
}
