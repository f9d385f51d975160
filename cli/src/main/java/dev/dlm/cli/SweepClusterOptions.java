package dev.dlm.cli;

import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.runtime.run.RunException;
import dev.dlm.runtime.sweep.cluster.ClusterManifests;
import dev.dlm.runtime.sweep.report.SweepCollector;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of {@code dlmc sweep} for more than one machine, mixed into the sweep command:
 * {@code --collect DIR} (merge cells run separately into the table and charts) and
 * {@code --emit kubernetes|slurm} with its settings. Thin: the work is
 * {@link SweepCollector} and {@link ClusterManifests}.
 */
final class SweepClusterOptions {

    /** What {@code --emit} can print. */
    enum Emit { kubernetes, slurm }

    @Option(names = "--collect", paramLabel = "DIR",
            description = "Merge the cell results in sweep directory DIR (cells run with --cell, on any machine) "
                    + "into its table and charts, without training.")
    Path collect;

    @Option(names = "--partial", description = "With --collect: write the table even when cells have not finished.")
    boolean partial;

    @Option(names = "--emit", paramLabel = "TARGET",
            description = "Print the manifest that runs every cell as one task of a cluster job: ${COMPLETION-CANDIDATES}.")
    Emit emit;

    @Option(names = "--image", paramLabel = "IMAGE", description = "With --emit kubernetes: the dlmc image (default: dlmc:latest).")
    String image;

    @Option(names = "--parallelism", paramLabel = "P", description = "With --emit: cells at once (default: all).")
    Integer parallelism;

    @Option(names = "--pvc", paramLabel = "CLAIM",
            description = "With --emit kubernetes: the PersistentVolumeClaim for results (default: dlm-results).")
    String claim;

    /** True when one of these options turns the command from training into collecting or emitting. */
    boolean active() {
        return collect != null || emit != null;
    }

    /**
     * Refuses combinations that mean nothing (usage errors, exit 2): {@code --collect} with
     * {@code --emit}, an emit setting without {@code --emit}, {@code --partial} without
     * {@code --collect}, and training options given with either (named in {@code training}).
     */
    void validate(CommandLine cli, boolean trainingOptionsGiven, String trainingOptions) {
        if (collect != null && emit != null) throw new CommandLine.ParameterException(cli, "--collect and --emit cannot be used together");
        if (emit == null && (image != null || parallelism != null || claim != null)) {
            throw new CommandLine.ParameterException(cli, "--image, --parallelism and --pvc go with --emit");
        }
        if (emit == Emit.slurm && (image != null || claim != null)) {
            throw new CommandLine.ParameterException(cli, "--image and --pvc are for --emit kubernetes; a Slurm task runs dlmc from the shared file system");
        }
        if (partial && collect == null) throw new CommandLine.ParameterException(cli, "--partial goes with --collect");
        if (parallelism != null && parallelism < 1) throw new CommandLine.ParameterException(cli, "--parallelism must be at least 1");
        if (active() && trainingOptionsGiven) {
            throw new CommandLine.ParameterException(cli, (collect != null ? "--collect" : "--emit") + " does not train: "
                    + trainingOptions + " cannot be used with it");
        }
    }

    /**
     * Writes the table and charts of a sweep that has just run into its directory, partial
     * when cells failed or were not chosen, and says where they are; a problem reading the
     * results is printed and returned as the exit status (1), else 0.
     */
    static int writeReport(SweepPlan plan, Path sweepDir, PrintWriter err) throws IOException {
        try {
            SweepCollector.Collected c = SweepCollector.collect(plan, sweepDir, true);
            err.println("Table: " + sweepDir.resolve(c.written().get(0).getFileName()) + " (and "
                    + String.join(", ", c.written().stream().skip(1).map(p -> p.getFileName().toString()).toList()) + ")");
            err.flush();
            return Dlmc.OK;
        } catch (RunException e) {
            err.print(e.render());
            err.flush();
            return Dlmc.FAILED;
        }
    }

    /**
     * Collects or emits for the planned sweep of {@code file}; returns the exit status.
     *
     * @param threads  the threads each cell trains with on the cluster (0: the default, 2)
     * @param sweepDir the sweep directory on shared storage (Slurm), or null
     */
    int run(Path file, SweepPlan plan, int threads, Path sweepDir, PrintWriter out, PrintWriter err) throws IOException {
        if (emit != null) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            ClusterManifests.Target target = emit == Emit.kubernetes ? ClusterManifests.Target.KUBERNETES : ClusterManifests.Target.SLURM;
            out.print(ClusterManifests.emit(target, plan, file.toString(), text, new ClusterManifests.Options(image,
                    parallelism == null ? 0 : parallelism, claim, threads, sweepDir == null ? null : sweepDir.toString())));
            out.flush();
            return Dlmc.OK;
        }
        try {
            SweepCollector.Collected c = SweepCollector.collect(plan, collect, partial);
            out.print(c.report().markdown());
            out.flush();
            if (!c.unfinished().isEmpty()) {
                err.println("warning: a partial table: " + c.unfinished().size() + " of " + plan.size()
                        + " cells have not finished (" + SweepCollector.ranges(c.unfinished()) + ")");
            }
            err.println("Wrote " + c.written().size() + " files to " + collect + ": " + String.join(", ",
                    c.written().stream().map(p -> p.getFileName().toString()).toList()));
            err.flush();
            return Dlmc.OK;
        } catch (RunException e) {
            err.print(e.render());
            err.flush();
            return Dlmc.FAILED;
        }
    }
}
