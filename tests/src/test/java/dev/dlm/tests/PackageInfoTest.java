package dev.dlm.tests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule that every Java package of the product says what it holds: each folder under a
 * module's {@code src/main/java} that holds a Java class has a {@code package-info.java} whose
 * Javadoc opens the file, so a reader (and the Javadoc index) finds each package's purpose.
 */
class PackageInfoTest {

    /** A package-info that opens with a Javadoc comment and declares its package. */
    private static final Pattern DOCUMENTED = Pattern.compile("\\A/\\*\\*[\\s*]*[^\\s*/].*?\\*/\\s*package [a-z0-9_.]+;", Pattern.DOTALL);

    /** The folders under any module's {@code src/main/java} that hold at least one class. */
    static List<Path> packages() throws IOException {
        TreeSet<Path> folders = new TreeSet<>();
        List<Path> sourceRoots;
        try (Stream<Path> modules = Files.list(Repo.ROOT)) {
            sourceRoots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        }
        for (Path root : sourceRoots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                        .forEach(p -> folders.add(p.getParent()));
            }
        }
        return List.copyOf(folders);
    }

    @Test
    void everyMainPackageHasADocumentedPackageInfo() throws IOException {
        List<Path> packages = packages();
        assertTrue(packages.size() >= 15, "expected the compiler's, runtime's and cli's packages, found " + packages);
        List<String> missing = packages.stream().filter(p -> !Files.exists(p.resolve("package-info.java")))
                .map(Repo::relative).toList();
        assertEquals(List.of(), missing, "packages without a package-info.java (one paragraph of Javadoc opening with what the package holds)");
        List<String> undocumented = packages.stream().map(p -> p.resolve("package-info.java"))
                .filter(p -> !DOCUMENTED.matcher(Repo.read(p)).find()).map(Repo::relative).toList();
        assertEquals(List.of(), undocumented, "package-info.java files that do not open with a Javadoc comment");
    }

    @Test
    void aPackageInfoWithoutJavadocIsNotDocumented() {
        assertTrue(DOCUMENTED.matcher("/**\n * Shapes as types.\n */\npackage dev.dlm.compiler.shape;\n").find());
        assertTrue(DOCUMENTED.matcher("/** Shapes as types. */\npackage dev.dlm.compiler.shape;\n").find());
        assertTrue(!DOCUMENTED.matcher("/** */\npackage dev.dlm.compiler.shape;\n").find());
        assertTrue(!DOCUMENTED.matcher("package dev.dlm.compiler.shape;\n").find());
        assertTrue(!DOCUMENTED.matcher("// Shapes.\npackage dev.dlm.compiler.shape;\n").find());
    }
}
