package dev.dlm.runtime.sweep.cluster;

import dev.dlm.compiler.sweep.SweepCell;
import dev.dlm.compiler.sweep.SweepPlan;

/**
 * What {@code dlmc sweep FILE --emit TARGET} prints: the manifest that runs every cell of a
 * sweep as one task of a cluster scheduler's array, each task {@code dlmc sweep FILE --cell K}
 * into one sweep directory on shared storage, sized by the compiler's memory estimate of the
 * largest cell and the threads a cell trains with.
 */
public final class ClusterManifests {
    private ClusterManifests() {}

    /** The schedulers a sweep can be emitted for. */
    public enum Target { KUBERNETES, SLURM }

    /** Threads per cell when none are asked for: two CPUs per pod or task. */
    public static final int DEFAULT_THREADS = 2;

    /**
     * How to emit.
     *
     * @param image       the container image (Kubernetes), null for {@link KubernetesJob#DEFAULT_IMAGE}
     * @param parallelism cells at once, 0 for all of them
     * @param claim       the PersistentVolumeClaim for results (Kubernetes), null for {@link KubernetesJob#DEFAULT_CLAIM}
     * @param threads     threads (and CPUs) per cell, 0 for {@link #DEFAULT_THREADS}
     * @param sweepDir    the sweep directory on shared storage (Slurm), null for {@code runs/<model>/sweep}
     */
    public record Options(String image, int parallelism, String claim, int threads, String sweepDir) {}

    /**
     * The manifest for {@code target}.
     *
     * @param file     the sweep file as given on the command line (Slurm's tasks read it there)
     * @param fileText its text (Kubernetes ships it in a ConfigMap)
     */
    public static String emit(Target target, SweepPlan plan, String file, String fileText, Options options) {
        int threads = options.threads() > 0 ? options.threads() : DEFAULT_THREADS;
        CellResources resources = CellResources.of(plan.cells().stream().map(SweepCell::model).toList(), threads);
        String name = KubernetesJob.name(plan.modelName());
        int cells = plan.size();
        return switch (target) {
            case KUBERNETES -> new KubernetesJob(name, fileName(file), fileText, cells,
                    options.parallelism() > 0 ? options.parallelism() : cells,
                    options.image() != null ? options.image() : KubernetesJob.DEFAULT_IMAGE,
                    options.claim() != null ? options.claim() : KubernetesJob.DEFAULT_CLAIM, resources).yaml();
            case SLURM -> new SlurmArray(name, file, cells, options.parallelism(),
                    options.sweepDir() != null ? options.sweepDir() : "runs/" + plan.modelName() + "/sweep", resources).script();
        };
    }

    private static String fileName(String file) {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        // A ConfigMap key: letters, digits, '-', '_' and '.'.
        String key = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return key.isEmpty() ? "sweep.dlm" : key;
    }
}
