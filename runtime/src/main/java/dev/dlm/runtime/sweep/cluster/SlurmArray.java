package dev.dlm.runtime.sweep.cluster;

/**
 * A sweep as a Slurm job array: a batch script whose array task {@code K} runs
 * {@code dlmc sweep FILE --cell K}, every task writing into one sweep directory on the
 * cluster's shared file system, with one CPU per thread and the memory of
 * {@link CellResources}. Submitting it and then a dependent {@code --collect} job is
 * described in the script's header and in docs/sweeps.md.
 *
 * @param name        the job's name
 * @param file        the sweep file, as the tasks will find it (relative to the submit directory)
 * @param cells       how many cells: the array is {@code 0-(cells-1)}
 * @param parallelism how many tasks run at once, or 0 for as many as Slurm allows
 * @param sweepDir    the sweep directory on the shared file system
 * @param resources   what one cell needs
 */
public record SlurmArray(String name, String file, int cells, int parallelism, String sweepDir, CellResources resources) {

    public SlurmArray {
        if (cells < 1) throw new IllegalArgumentException("a job array needs at least one cell");
        if (parallelism < 0) throw new IllegalArgumentException("parallelism must not be negative: " + parallelism);
    }

    /** The {@code sbatch} script. */
    public String script() {
        String file = Shell.quote(this.file);
        String dir = Shell.quote(sweepDir);
        String throttle = parallelism > 0 && parallelism < cells ? "%" + parallelism : "";
        return "#!/bin/bash\n"
                + "# dlm sweep of " + this.file + ": " + cells + " cells, one array task each.\n"
                + "#   jobid=$(sbatch --parsable " + name + ".sbatch)\n"
                + "#   sbatch --dependency=afterany:$jobid --wrap \"dlmc sweep " + file + " --collect " + dir + "\"\n"
                + "#SBATCH --job-name=" + name + "\n"
                + "#SBATCH --array=0-" + (cells - 1) + throttle + "\n"
                + "#SBATCH --cpus-per-task=" + resources.threads() + "\n"
                + "#SBATCH --mem=" + resources.memoryMebibytes() + "M\n"
                + "#SBATCH --output=" + name + "-%A_%a.out\n"
                + "set -euo pipefail\n"
                + "exec dlmc sweep " + file + " --cell \"$SLURM_ARRAY_TASK_ID\" --sweep-dir " + dir
                + " --threads \"${SLURM_CPUS_PER_TASK:-" + resources.threads() + "}\"\n";
    }
}
