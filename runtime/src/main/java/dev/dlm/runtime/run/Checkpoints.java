package dev.dlm.runtime.run;

import dev.dlm.compiler.keras.JsonReader;
import dev.dlm.compiler.render.Json;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.TrainerState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The {@code checkpoints/} folder of a run: {@code latest/} (after every epoch, and where an
 * interrupted run stopped) and {@code best/} (the epoch with the best monitored value), each
 * with the previous version beside it ({@code latest.previous/}, {@code best.previous/}).
 * A checkpoint is TensorFlow's checkpoint of every variable ({@code variables.index},
 * {@code variables.data-00000-of-00001}: weights, optimizer slots, the iteration count) and
 * {@code trainer.json} (the {@link TrainerState} and each file's size and CRC32C).
 * <p>
 * A checkpoint is written to a temporary folder, {@code trainer.json} last, and renamed into
 * place; the one it replaces becomes {@code .previous}. A kill at any moment therefore
 * leaves at least one complete checkpoint, and a damaged one (a truncated file) fails its
 * checksums, so {@link #latest} falls back to the previous.
 */
public final class Checkpoints {

    public static final String LATEST = "latest";
    public static final String BEST = "best";
    static final String PREFIX = "variables";
    static final String STATE = "trainer.json";

    private final Path dir;

    public Checkpoints(Path dir) { this.dir = dir; }

    public Path dir() { return dir; }

    /** A readable checkpoint: its folder, its variables' file prefix, the trainer's state. */
    public record Checkpoint(Path folder, TrainerState state) {
        public Path prefix() { return folder.resolve(PREFIX); }
    }

    /** Writes {@code graph}'s variables and {@code state} as the latest checkpoint; {@code alsoBest} makes it the best too. */
    public void save(ModelGraph graph, TrainerState state, boolean alsoBest) throws IOException {
        stage(graph).commit(state.toJson(), alsoBest);
    }

    /**
     * The first half of a checkpoint, which must happen between two training steps: the
     * variables written to a temporary folder. The rest ({@link Staged#commit}) only reads
     * files and may run while training goes on.
     */
    public Staged stage(ModelGraph graph) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempDirectory(dir, ".tmp-");
        try {
            graph.save(temp.resolve(PREFIX));
            return new Staged(temp);
        } catch (RuntimeException e) {
            AtomicFiles.deleteTree(temp);
            throw e;
        }
    }

    /** Variables saved in a temporary folder, waiting for their state file and their place. */
    public final class Staged {
        private final Path temp;

        private Staged(Path temp) { this.temp = temp; }

        /** Adds {@code state} (a {@link TrainerState#toJson()} snapshot) and the checksums, then installs the folder. */
        public void commit(Map<String, Object> state, boolean alsoBest) throws IOException {
            try {
                writeState(temp, state);
                if (alsoBest) {
                    Path bestTemp = Files.createTempDirectory(dir, ".tmp-");
                    try (Stream<Path> files = Files.list(temp)) {
                        for (Path f : files.toList()) link(f, bestTemp.resolve(f.getFileName()));
                    }
                    install(bestTemp, BEST);
                }
                install(temp, LATEST);
            } finally {
                AtomicFiles.deleteTree(temp);
            }
        }
    }

    /**
     * Adds TensorFlow's save and restore ops to {@code graph} (its first save or restore does)
     * with a throwaway save, so that the first epoch's checkpoint costs what the others cost.
     */
    public void warmUp(ModelGraph graph) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempDirectory(dir, ".tmp-");
        try {
            graph.save(temp.resolve(PREFIX));
        } finally {
            AtomicFiles.deleteTree(temp);
        }
    }

    /** The latest complete checkpoint ({@code latest/}, else {@code latest.previous/}), or null when there is none. */
    public Checkpoint latest() {
        for (String name : List.of(LATEST, LATEST + ".previous")) {
            Checkpoint c = read(dir.resolve(name));
            if (c != null) return c;
        }
        return null;
    }

    /** The named folder's checkpoint when every file is present with its recorded size and checksum, else null. */
    @SuppressWarnings("unchecked")
    public static Checkpoint read(Path folder) {
        try {
            Path statePath = folder.resolve(STATE);
            if (!Files.isRegularFile(statePath)) return null;
            Map<String, Object> root = JsonReader.object(Files.readString(statePath, StandardCharsets.UTF_8));
            Map<String, Object> files = (Map<String, Object>) root.get("files");
            if (files == null || files.isEmpty()) return null;
            for (var e : files.entrySet()) {
                Map<String, Object> f = (Map<String, Object>) e.getValue();
                Path p = folder.resolve(e.getKey());
                if (!Files.isRegularFile(p) || Files.size(p) != ((Number) f.get("bytes")).longValue()
                        || crc(p) != ((Number) f.get("crc32c")).longValue()) return null;
            }
            return new Checkpoint(folder, TrainerState.fromJson((Map<String, Object>) root.get("state")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Removes temporary and discarded folders ({@code .tmp-*}, {@code .old-*}) a killed run left behind. */
    public void cleanUp() throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) AtomicFiles.deleteTree(p);
        }
    }

    private static void writeState(Path folder, Map<String, Object> state) throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        List<Path> written;
        try (Stream<Path> s = Files.list(folder)) {
            written = new ArrayList<>(s.sorted().toList());
        }
        for (Path p : written) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bytes", Files.size(p));
            f.put("crc32c", crc(p));
            files.put(p.getFileName().toString(), f);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", files);
        root.put("state", state);
        AtomicFiles.write(folder.resolve(STATE), Json.write(root));
    }

    /** Puts a complete temporary folder in place as {@code name}, keeping the one it replaces as {@code name.previous}. */
    private void install(Path temp, String name) throws IOException {
        Path target = dir.resolve(name);
        Path previous = dir.resolve(name + ".previous");
        if (Files.exists(target)) {
            // Renamed out of the way first, deleted last: at every moment a complete checkpoint is in place.
            Path discarded = dir.resolve(".old-" + System.nanoTime());
            if (Files.exists(previous)) AtomicFiles.move(previous, discarded);
            AtomicFiles.move(target, previous);
            AtomicFiles.move(temp, target);
            AtomicFiles.deleteTree(discarded);
            return;
        }
        AtomicFiles.move(temp, target);
    }

    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }

    static long crc(Path p) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buffer)) > 0; ) crc.update(buffer, 0, n);
        }
        return crc.getValue();
    }
}
