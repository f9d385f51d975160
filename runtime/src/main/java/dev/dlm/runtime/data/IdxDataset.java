package dev.dlm.runtime.data;

import dev.dlm.compiler.diag.Code;
import dev.dlm.compiler.shape.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A dataset made of four idx files: training and test samples and their labels. In a
 * directory they are found by their conventional names, {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
 * {@code t10k-labels-idx1-ubyte}: the prefix may also be {@code test}, the separators
 * {@code -}, {@code _} or {@code .}, the rank and element type any, and each name may end in
 * {@code .gz}. When both a file and its {@code .gz} are present, the uncompressed one is read.
 */
final class IdxDataset {

    /** The four files of an idx dataset. */
    record Files4(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {}

    private enum Role {
        TRAIN_IMAGES("training images", "train-images-idx3-ubyte"),
        TRAIN_LABELS("training labels", "train-labels-idx1-ubyte"),
        TEST_IMAGES("test images", "t10k-images-idx3-ubyte"),
        TEST_LABELS("test labels", "t10k-labels-idx1-ubyte");

        final String description;
        final String conventionalName;

        Role(String description, String conventionalName) {
            this.description = description;
            this.conventionalName = conventionalName;
        }
    }

    private static final Pattern NAME = Pattern.compile(
            "(train|t10k|test)[-_.](images|labels)[-_.]idx\\d+[-_.][a-z0-9]+(\\.gz)?", Pattern.CASE_INSENSITIVE);

    /** Names the four files in hints. */
    static final String FILE_LIST = Stream.of(Role.values()).map(r -> r.conventionalName)
            .collect(Collectors.joining(", "));

    private IdxDataset() {}

    /** Finds the four files of an idx dataset in {@code dir}. */
    static Files4 find(Path dir) throws DataException {
        String where = dir.toString();
        if (!Files.isDirectory(dir)) {
            throw new DataException(Code.DLM0701, where, Files.exists(dir) ? "is a file, not a directory" : "no such directory",
                    "give the directory that holds " + FILE_LIST + " (each may end in .gz)");
        }
        List<List<Path>> candidates = new ArrayList<>();
        for (int i = 0; i < Role.values().length; i++) candidates.add(new ArrayList<>());
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry)) {
                    candidates.get(role(m.group(1), m.group(2)).ordinal()).add(entry);
                }
            }
        } catch (IOException e) {
            throw IoErrors.describe(where, e);
        } catch (UncheckedIOException e) {
            throw IoErrors.describe(where, e.getCause());
        }
        Path[] chosen = new Path[Role.values().length];
        for (Role role : Role.values()) {
            chosen[role.ordinal()] = choose(dir, role, candidates.get(role.ordinal()));
        }
        return new Files4(chosen[0], chosen[1], chosen[2], chosen[3]);
    }

    private static Role role(String split, String kind) {
        boolean train = split.toLowerCase(Locale.ROOT).equals("train");
        boolean images = kind.toLowerCase(Locale.ROOT).equals("images");
        return train ? (images ? Role.TRAIN_IMAGES : Role.TRAIN_LABELS)
                : (images ? Role.TEST_IMAGES : Role.TEST_LABELS);
    }

    private static Path choose(Path dir, Role role, List<Path> found) throws DataException {
        // A file unpacked next to its .gz (`gunzip -k`) is the same data: read the faster one.
        List<Path> distinct = found.stream()
                .filter(p -> !(isGzip(p) && found.contains(withoutGz(p))))
                .toList();
        if (distinct.isEmpty()) {
            throw new DataException(Code.DLM0701, dir.toString(), "has no " + role.description + " file",
                    "idx data needs four files: " + FILE_LIST + " (each may end in .gz)");
        }
        if (distinct.size() > 1) {
            throw new DataException(dir.toString(), "has several " + role.description + " files: "
                    + distinct.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")),
                    "keep one of them in the directory");
        }
        return distinct.get(0);
    }

    private static boolean isGzip(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static Path withoutGz(Path p) {
        String name = p.getFileName().toString();
        return p.resolveSibling(name.substring(0, name.length() - 3));
    }

    /** Reads the four files of {@code dir}; {@code classes} is 0 to count them from the labels. */
    static Dataset load(String name, Path dir, double scale, int classes) throws DataException {
        Files4 files = find(dir);
        return assemble(name, IdxReader.readSamples(files.trainImages()), IdxReader.readLabels(files.trainLabels()),
                IdxReader.readSamples(files.testImages()), IdxReader.readLabels(files.testLabels()), scale, classes);
    }

    /**
     * Pairs samples with labels and checks that they fit together: as many labels as samples,
     * one sample shape, every label a class id.
     *
     * @param classes the number of classes, or 0 to take the largest label plus one
     */
    static Dataset assemble(String name, IdxReader.Samples trainX, IdxReader.Labels trainY,
                            IdxReader.Samples testX, IdxReader.Labels testY, double scale, int classes)
            throws DataException {
        checkCounts(trainX, trainY);
        checkCounts(testX, testY);
        if (!testX.sampleShape().equals(trainX.sampleShape())) {
            throw new DataException(Code.DLM0703, testX.file(), "holds samples of shape " + testX.sampleShape()
                    + " but the training samples (" + trainX.file() + ") have shape " + trainX.sampleShape(),
                    "the files must come from the same data set");
        }
        int classCount = classes > 0 ? classes : Math.max(max(trainY.values()), max(testY.values())) + 1;
        checkLabels(trainY, classCount);
        checkLabels(testY, classCount);
        return new Dataset(name, trainX.sampleShape(), classCount,
                trainX.toSplit(classCount, trainY.values(), scale),
                testX.toSplit(classCount, testY.values(), scale));
    }

    /** Refuses samples of any shape other than {@code expected}: MNIST-style sources are 28x28. */
    static void requireSampleShape(IdxReader.Samples samples, Shape expected, String sourceName)
            throws DataException {
        if (!samples.sampleShape().equals(expected)) {
            throw new DataException(Code.DLM0703, samples.file(), "holds samples of shape " + samples.sampleShape()
                    + ", but " + sourceName + " samples are " + expected, "the file is not part of " + sourceName);
        }
    }

    private static void checkCounts(IdxReader.Samples samples, IdxReader.Labels labels) throws DataException {
        if (labels.values().length != samples.count()) {
            throw new DataException(labels.file(), String.format("has %,d labels but %s has %,d samples",
                    labels.values().length, samples.file(), samples.count()),
                    "the two files must come from the same data set");
        }
    }

    private static void checkLabels(IdxReader.Labels labels, int classes) throws DataException {
        int[] values = labels.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= classes) {
                throw new DataException(Code.DLM0703, labels.file(), "label " + values[i] + " of sample " + i
                        + " is out of range for " + classes + " classes (0-" + (classes - 1) + ")",
                        "check the file, and the number of classes the program declares");
            }
        }
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) max = Math.max(max, v);
        return max;
    }
}
