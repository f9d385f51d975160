package dev.dlm.compiler.format;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines (LCS), as {@code diff -u} prints it, with 3 lines of context. */
public final class UnifiedDiff {
    private UnifiedDiff() {}

    private static final int CONTEXT = 3;

    /** The text's lines; a final newline ends the last line rather than starting an empty one. */
    private static String[] lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.isEmpty() ? new String[0] : body.split("\n", -1);
    }

    public static String diff(String name, String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        int n = a.length, m = b.length;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Edit script: ' ' keep, '-' delete, '+' insert, with the line numbers in a and b.
        List<char[]> ops = new ArrayList<>();
        List<int[]> at = new ArrayList<>();
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[i].equals(b[j])) { ops.add(new char[]{' '}); at.add(new int[]{i++, j++}); }
            else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.add(new char[]{'-'}); at.add(new int[]{i++, j}); }
            else { ops.add(new char[]{'+'}); at.add(new int[]{i, j++}); }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(name).append('\n').append("+++ ").append(name).append(" (formatted)\n");
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') { k++; continue; }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while changes are within 2*CONTEXT lines of each other.
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end)[0] != ' ') lastChange = end;
                else if (end - lastChange > 2 * CONTEXT) break;
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = at.get(start)[0], bStart = at.get(start)[1];
            int aLen = 0, bLen = 0;
            StringBuilder body = new StringBuilder();
            for (int x = start; x < end; x++) {
                char op = ops.get(x)[0];
                int[] pos = at.get(x);
                String text = op == '+' ? b[pos[1]] : a[pos[0]];
                if (op != '+') aLen++;
                if (op != '-') bLen++;
                body.append(op).append(text).append('\n');
            }
            sb.append("@@ -").append(aStart + 1).append(',').append(aLen).append(" +").append(bStart + 1).append(',').append(bLen).append(" @@\n");
            sb.append(body);
            k = end;
        }
        return sb.toString();
    }
}
