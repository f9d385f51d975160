package dev.dlm.runtime.sweep.cluster;

import dev.dlm.compiler.source.SourceFile;
import dev.dlm.compiler.sweep.SweepPlan;
import dev.dlm.compiler.sweep.SweepPlanner;
import dev.dlm.runtime.train.MemoryEstimate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifests made from a real sweep plan: one task per cell, and the memory of the largest
 * cell's estimate (the 1024-unit cell, not the first) plus the runtime's overhead.
 */
class ClusterManifestsTest {

    static final String TEXT = """
            let units = 64
            data mnist
            model mlp(input=[784]) { Dense(units, activation=relu); Dense(10, activation=softmax) }
            train { loss = categorical_crossentropy; optimizer = adam; metrics = [accuracy] }
            sweep { units in [64, 1024]; optimizer in [sgd, adam] }
            """;

    static SweepPlan plan() {
        var planned = SweepPlanner.plan(new SourceFile("models/sweeps/mlp units.dlm", TEXT), null);
        assertTrue(planned.ok(), () -> planned.diagnostics().toString());
        return planned.plan();
    }

    @Test
    void kubernetesAsksForTheLargestCellsEstimate() {
        SweepPlan plan = plan();
        String yaml = ClusterManifests.emit(ClusterManifests.Target.KUBERNETES, plan, "models/sweeps/mlp units.dlm", TEXT,
                new ClusterManifests.Options("dlmc:0.1.0", 0, null, 3, null));
        List<HasMetadata> items = Serialization.unmarshal(yaml);
        Job job = (Job) items.get(1);
        assertEquals(4, job.getSpec().getCompletions());
        assertEquals(4, job.getSpec().getParallelism(), "all cells at once by default");
        long largest = plan.cells().stream().mapToLong(c -> MemoryEstimate.bytes(c.model())).max().orElseThrow();
        assertTrue(largest > MemoryEstimate.bytes(plan.cell(0).model()), "the last cells are the large ones");
        var resources = job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertEquals(new CellResources(3, largest + CellResources.OVERHEAD).memoryRequest(), resources.getRequests().get("memory").toString());
        assertEquals("3", resources.getRequests().get("cpu").toString());
        assertEquals("dlm-results", job.getSpec().getTemplate().getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals("mlp_units.dlm", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(1).substring("/sweep/".length()));
    }

    @Test
    void slurmRunsOneArrayTaskPerCellIntoOneSweepDirectory() {
        String script = ClusterManifests.emit(ClusterManifests.Target.SLURM, plan(), "models/sweeps/mlp units.dlm", TEXT,
                new ClusterManifests.Options(null, 2, null, 0, null));
        List<String> lines = script.lines().toList();
        assertEquals("#!/bin/bash", lines.get(0));
        assertTrue(lines.contains("#SBATCH --array=0-3%2"), script);
        assertTrue(lines.contains("#SBATCH --cpus-per-task=2"), script);
        assertTrue(lines.stream().anyMatch(l -> l.matches("#SBATCH --mem=\\d+M")), script);
        assertEquals("exec dlmc sweep 'models/sweeps/mlp units.dlm' --cell \"$SLURM_ARRAY_TASK_ID\" --sweep-dir runs/mlp/sweep"
                + " --threads \"${SLURM_CPUS_PER_TASK:-2}\"", lines.get(lines.size() - 1));
        assertTrue(script.contains("--wrap \"dlmc sweep 'models/sweeps/mlp units.dlm' --collect runs/mlp/sweep\""), script);
    }

    @Test
    void shellWordsAreQuotedOnlyWhenTheyNeedIt() {
        assertEquals("runs/mlp/sweep", Shell.quote("runs/mlp/sweep"));
        assertEquals("'a b'", Shell.quote("a b"));
        assertEquals("'it'\"'\"'s'", Shell.quote("it's"));
        assertEquals("'$HOME'", Shell.quote("$HOME"));
    }
}
