package dev.dlm.runtime.sweep.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep as a Kubernetes Indexed Job ({@code batch/v1}): one pod per cell, the pod's
 * completion index passed as {@code dlmc sweep FILE --cell K}, every cell writing into one
 * sweep directory on a shared volume (a PersistentVolumeClaim that several pods can mount,
 * ReadWriteMany), and the sweep file itself in a ConfigMap, so the image needs only dlmc.
 * {@link #yaml()} prints both documents; {@code kubectl apply -f -} reads them.
 *
 * <p>A cell that fails is retried once on its own ({@code backoffLimitPerIndex}: the others go
 * on, and the retry resumes the cell from its last checkpoint); after the Job, {@code dlmc
 * sweep FILE --collect DIR} on the volume makes the table and charts.
 *
 * @param name        the Job's name, also the ConfigMap's and the sweep directory's on the volume
 * @param fileName    the sweep file's name inside the ConfigMap ({@code mlp.dlm})
 * @param fileText    the sweep file's text
 * @param cells       how many cells the sweep has: the Job's completions
 * @param parallelism how many cells run at once
 * @param image       the dlmc image; its entrypoint is {@code dlmc}
 * @param claim       the PersistentVolumeClaim the results go to
 * @param resources   what one cell needs
 */
public record KubernetesJob(String name, String fileName, String fileText, int cells, int parallelism,
                            String image, String claim, CellResources resources) {

    /** Where the results volume is mounted in each pod. */
    public static final String RESULTS = "/results";
    /** Where the ConfigMap with the sweep file is mounted. */
    public static final String SWEEP = "/sweep";
    /** The environment variable Kubernetes sets to the pod's index in an Indexed Job. */
    public static final String INDEX = "JOB_COMPLETION_INDEX";
    /** The image the manifest names when none is given: the Dockerfile's, tagged with dlmc's version. */
    public static final String DEFAULT_IMAGE = "dlmc:latest";
    public static final String DEFAULT_CLAIM = "dlm-results";

    public KubernetesJob {
        if (cells < 1) throw new IllegalArgumentException("a Job needs at least one cell");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        parallelism = Math.min(parallelism, cells);
    }

    /**
     * A name Kubernetes accepts for a Job and its pods (RFC 1123 label, at most 63 characters;
     * the pods' names add the index and a suffix, so 40 are kept): lower case, runs of other
     * characters as one dash, {@code dlm-sweep} when nothing is left.
     */
    public static String name(String model) {
        String s = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 30) s = s.substring(0, 30).replaceAll("-+$", "");
        return s.isEmpty() ? "dlm-sweep" : s + "-sweep";
    }

    /** The sweep directory every pod writes into, on the results volume. */
    public String sweepDir() {
        return RESULTS + "/" + name;
    }

    /** The container's arguments after the image's {@code dlmc} entrypoint. */
    public List<String> args() {
        return List.of("sweep", SWEEP + "/" + fileName, "--cell", "$(" + INDEX + ")", "--sweep-dir", sweepDir(),
                "--threads", String.valueOf(resources.threads()));
    }

    /** The ConfigMap and the Job, as two YAML documents. */
    public String yaml() {
        return "# dlm sweep of " + fileName + ": " + cells + " cells, " + parallelism + " at a time.\n"
                + "# Apply with `kubectl apply -f -`; then, on the volume, `dlmc sweep " + fileName
                + " --collect " + sweepDir() + "`.\n"
                + "---\n" + Yaml.write(configMap()) + "---\n" + Yaml.write(job());
    }

    Map<String, Object> configMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "v1");
        m.put("kind", "ConfigMap");
        m.put("metadata", metadata());
        m.put("data", Map.of(fileName, fileText));
        return m;
    }

    Map<String, Object> job() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "dlmc");
        container.put("image", image);
        container.put("args", args());
        // Kubernetes sets JOB_COMPLETION_INDEX itself from 1.22 on (and leaves a declared one
        // alone); declaring it from the pod's annotation makes $(JOB_COMPLETION_INDEX) expand
        // in the arguments on any version.
        container.put("env", List.of(entry("name", INDEX, "valueFrom", Map.of("fieldRef",
                Map.of("fieldPath", "metadata.annotations['batch.kubernetes.io/job-completion-index']")))));
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", String.valueOf(resources.threads()));
        requests.put("memory", resources.memoryRequest());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("cpu", String.valueOf(resources.threads()));
        limits.put("memory", resources.memoryLimit());
        container.put("resources", entry("requests", requests, "limits", limits));
        container.put("volumeMounts", List.of(
                entry("name", "results", "mountPath", RESULTS),
                entry("name", "sweep", "mountPath", SWEEP, "readOnly", true)));

        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("restartPolicy", "Never");
        pod.put("containers", List.of(container));
        pod.put("volumes", List.of(
                entry("name", "results", "persistentVolumeClaim", Map.of("claimName", claim)),
                entry("name", "sweep", "configMap", Map.of("name", name))));

        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", Map.of("labels", labels()));
        template.put("spec", pod);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("completionMode", "Indexed");
        spec.put("completions", cells);
        spec.put("parallelism", parallelism);
        spec.put("backoffLimitPerIndex", 1);
        spec.put("template", template);

        Map<String, Object> job = new LinkedHashMap<>();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        job.put("metadata", metadata());
        job.put("spec", spec);
        return job;
    }

    private Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("labels", labels());
        return m;
    }

    private Map<String, Object> labels() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app.kubernetes.io/name", "dlmc");
        m.put("dlm.dev/sweep", name);
        return m;
    }

    /** An insertion-ordered map from alternating keys and values. */
    private static Map<String, Object> entry(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }
}
