package dev.dlm.runtime.sweep.cluster;

import java.util.regex.Pattern;

/** Words for a POSIX shell script: left bare when they hold only safe characters, else single-quoted. */
final class Shell {
    private Shell() {}

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    static String quote(String word) {
        if (SAFE.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
