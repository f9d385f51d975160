package dev.dlm.runtime.sweep.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The manifest {@code dlmc sweep --emit kubernetes} prints, read back through the Kubernetes
 * API model (fabric8) and created in a mock API server in CRUD mode: every field is one the
 * model knows (nothing lands in {@code additionalProperties}), and the Job read back from the
 * server is an Indexed Job with one completion per cell, the completion index passed as
 * {@code --cell}, the results volume, and requests from the memory estimate and threads.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobTest {

    KubernetesClient client;

    static final String FILE = """
            # models/tables/mlp.dlm
            let dropout = 0.45
            data mnist
            model mlp(input=[784]) {
                Dense(256, activation=relu)
                Dropout(dropout)
                Dense(10, activation=softmax)
            }
            train { loss = categorical_crossentropy; optimizer = sgd; metrics = [accuracy] }
            sweep { dropout in [0.4, 0.45, 0.5] }
            """;

    static KubernetesJob job() {
        return new KubernetesJob(KubernetesJob.name("mlp"), "mlp.dlm", FILE, 18, 4, "registry.example/dlmc:0.1.0",
                "shared-results", new CellResources(2, (700L << 20) + 12345));
    }

    @Test
    void theJobIsCreatedAndReadBackAsAnIndexedJobOverEveryCell() {
        List<HasMetadata> items = client.load(new ByteArrayInputStream(job().yaml().getBytes(StandardCharsets.UTF_8))).items();
        assertEquals(2, items.size());
        assertInstanceOf(ConfigMap.class, items.get(0));
        assertInstanceOf(Job.class, items.get(1));
        client.resourceList(items).inNamespace("sweeps").create();

        Job job = client.batch().v1().jobs().inNamespace("sweeps").withName("mlp-sweep").get();
        assertNotNull(job, "the Job is in the server");
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(18, job.getSpec().getCompletions());
        assertEquals(4, job.getSpec().getParallelism());
        assertEquals(1, job.getSpec().getBackoffLimitPerIndex());
        assertEquals(Map.of(), job.getSpec().getAdditionalProperties());

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(Map.of(), pod.getAdditionalProperties());
        Container c = pod.getContainers().get(0);
        assertEquals(Map.of(), c.getAdditionalProperties());
        assertEquals("registry.example/dlmc:0.1.0", c.getImage());
        assertEquals(List.of("sweep", "/sweep/mlp.dlm", "--cell", "$(JOB_COMPLETION_INDEX)", "--sweep-dir", "/results/mlp-sweep",
                "--threads", "2"), c.getArgs());
        assertEquals("JOB_COMPLETION_INDEX", c.getEnv().get(0).getName());
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                c.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath());

        // 700 MiB and 12,345 bytes: requests round up to whole MiB, the limit is half as much again.
        assertEquals(new Quantity("2"), c.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("701Mi"), c.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("2"), c.getResources().getLimits().get("cpu"));
        assertEquals(new Quantity("1051Mi"), c.getResources().getLimits().get("memory"));

        assertEquals("/results", c.getVolumeMounts().get(0).getMountPath());
        assertEquals("results", c.getVolumeMounts().get(0).getName());
        assertEquals("shared-results", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals("mlp-sweep", pod.getVolumes().get(1).getConfigMap().getName());
        assertEquals(true, c.getVolumeMounts().get(1).getReadOnly());

        ConfigMap files = client.configMaps().inNamespace("sweeps").withName("mlp-sweep").get();
        assertEquals(FILE, files.getData().get("mlp.dlm"), "the sweep file reaches the pod unchanged");
    }
}
