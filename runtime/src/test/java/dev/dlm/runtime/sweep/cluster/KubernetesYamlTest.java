package dev.dlm.runtime.sweep.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written YAML of the manifests read back with fabric8's serializer (SnakeYAML
 * underneath): any file text reaches the ConfigMap unchanged, names are valid Kubernetes
 * names, quantities are whole MiB. No API server: {@link KubernetesJobTest} has the one test
 * that needs it.
 */
class KubernetesYamlTest {

    static final String FILE = KubernetesJobTest.FILE;

    @Test
    void parallelismIsCappedAtTheNumberOfCells() {
        KubernetesJob j = new KubernetesJob("x-sweep", "x.dlm", FILE, 3, 50, KubernetesJob.DEFAULT_IMAGE,
                KubernetesJob.DEFAULT_CLAIM, new CellResources(1, 1));
        Job job = Serialization.unmarshal(Yaml.write(j.job()), Job.class);
        assertEquals(3, job.getSpec().getParallelism());
        assertEquals("1Mi", job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getRequests().get("memory").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no final newline", "two final newlines\n\n", "  leading spaces\nx\n", "tab\there\n",
            "quotes \" and 'single' and \\ backslash\n", "colon: and # hash\n  indented\n\nblank above\n",
            "ünïcödé ✓ 98.1%\n", "bell \u0007 and CR \r\n", "yes", "1.0", "- dash", "a: b", "", "true\nfalse\n"})
    void anyFileTextSurvivesTheYaml(String text) {
        KubernetesJob j = new KubernetesJob("x-sweep", "x.dlm", text, 1, 1, KubernetesJob.DEFAULT_IMAGE,
                KubernetesJob.DEFAULT_CLAIM, new CellResources(1, 1));
        ConfigMap map = Serialization.unmarshal(Yaml.write(j.configMap()), ConfigMap.class);
        assertEquals(text, map.getData().get("x.dlm"));
    }

    @Test
    void namesAreValidKubernetesNames() {
        assertEquals("mlp-sweep", KubernetesJob.name("mlp"));
        assertEquals("my-model-2-sweep", KubernetesJob.name("My_Model__2"));
        assertEquals("dlm-sweep", KubernetesJob.name("___"));
        String longName = KubernetesJob.name("a".repeat(80));
        assertTrue(longName.length() <= 40 && longName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), longName);
    }

    @Test
    void resourcesComeFromTheEstimatePlusTheRuntimesOverhead() {
        CellResources r = new CellResources(4, CellResources.OVERHEAD + (300L << 20));
        assertEquals("1324Mi", r.memoryRequest());
        assertEquals("1986Mi", r.memoryLimit());
        assertEquals(1324, r.memoryMebibytes());
    }
}
