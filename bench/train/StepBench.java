import dev.dlm.compiler.Compilation;
import dev.dlm.compiler.DlmCompiler;
import dev.dlm.runtime.train.ModelGraph;
import dev.dlm.runtime.train.RunOptions;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.proto.StepStats;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The training step of one dlm model in isolation, for issue 12's profiling: builds the model
 * with {@code ModelGraph.build} as {@code dlmc run} does, feeds one fixed batch of random
 * samples and one-hot targets, and times the train step in interleaved rounds, reporting the
 * process CPU time (all threads, user + sys) and the wall time per step, medians over rounds.
 * The CPU time depends far less on the machine's other load than the wall time does.
 *
 * <pre>
 * java -cp cli/target/dlmc.jar bench/train/StepBench.java MODEL.dlm [options]
 *   --steps N        steps per round (default 50)
 *   --rounds R       interleaved rounds (default 5)
 *   --threads I/J    intra/inter-op threads; several separated by commas are compared (default 2/2)
 *   --fetch MODE     what each step fetches besides the train step: all (loss and correct
 *                    count, as Trainer does), loss, none; several separated by commas (default all)
 *   --trace N        after timing, N steps with a full trace: op time summed by op type (shares)
 *   --trace-by node  sums the trace by op type and node name instead
 *   --graph FILE     writes the graph's GraphDef (binary) to FILE, e.g. to import it elsewhere
 * </pre>
 * Run from the repository root after {@code mvn -B -q -o -DskipTests -pl cli -am package}. Comparing
 * thread counts in one JVM needs {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} in the environment, as
 * the {@code dlmc} launcher sets it: TensorFlow's pools are otherwise the first session's.
 */
public final class StepBench {

    private record Mode(String threads, String fetch, String variant) {
        int intra() { return Integer.parseInt(threads.split("/")[0]); }
        int inter() { return Integer.parseInt(threads.split("/")[1]); }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int steps = 50, rounds = 5, trace = 0;
        String threads = "2/2", fetch = "all", graphOut = null, variants = "default";
        boolean byNode = false;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = args[i + 1];
                case "--fetch" -> fetch = args[i + 1];
                case "--trace" -> trace = Integer.parseInt(args[i + 1]);
                case "--graph" -> graphOut = args[i + 1];
                case "--variants" -> variants = args[i + 1];
                case "--trace-by" -> byNode = args[i + 1].equals("node");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Compilation c = DlmCompiler.compile(file.toString(), Files.readString(file));
        if (c.model() == null) throw new IllegalStateException("does not compile: " + c.diagnostics());
        List<Mode> modes = new ArrayList<>();
        for (String t : threads.split(",")) for (String f : fetch.split(",")) for (String v : variants.split(",")) modes.add(new Mode(t, f, v));

        // TensorFlow runs every session on pools made for the process's first one unless this is
        // set (docs/benchmarks.md, "TensorFlow's global thread pools"): modes with other thread
        // counts would all run on the first mode's threads.
        if (modes.stream().map(Mode::threads).distinct().count() > 1 && !"1".equals(System.getenv("TF_OVERRIDE_GLOBAL_THREADPOOL"))) {
            throw new IllegalArgumentException("several --threads modes in one JVM need TF_OVERRIDE_GLOBAL_THREADPOOL=1 in the environment");
        }
        Map<Mode, ModelGraph> graphs = new HashMap<>();
        Map<Mode, List<double[]>> samples = new HashMap<>();
        try {
            for (Mode m : modes) {
                // An experiment's switch read by the emitters while the graph is built (none in main's code).
                System.setProperty("dlm.exp", m.variant());
                graphs.put(m, ModelGraph.build(c.model(), new RunOptions("cpu", m.intra(), m.inter(), 1L), 1L));
                samples.put(m, new ArrayList<>());
            }
            ModelGraph first = graphs.get(modes.get(0));
            if (graphOut != null) Files.write(Path.of(graphOut), first.graph().toGraphDef().toByteArray());
            int batch = c.model().train().batchSize();
            try (TFloat32 x = random(first, "samples", batch, 11);
                 TFloat32 y = oneHot(first, batch, 12);
                 TBool on = TBool.scalarOf(true)) {
                for (Mode m : modes) step(graphs.get(m), m.fetch(), x, y, on, 20, null, false);  // warm-up
                for (int r = 0; r < rounds; r++) {
                    for (Mode m : modes) {
                        long cpu0 = cpuNanos(), wall0 = System.nanoTime();
                        step(graphs.get(m), m.fetch(), x, y, on, steps, null, false);
                        samples.get(m).add(new double[] {(cpuNanos() - cpu0) / 1e6 / steps, (System.nanoTime() - wall0) / 1e6 / steps});
                    }
                }
                System.out.printf("load average %.2f; %d rounds x %d steps of batch %d%n",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rounds, steps, batch);
                for (Mode m : modes) {
                    List<double[]> s = samples.get(m);
                    System.out.printf("threads %s fetch %-4s %-10s CPU ms/step median %.2f (%s)  wall median %.2f%n", m.threads(), m.fetch(), m.variant(),
                            median(s, 0), Arrays.toString(s.stream().mapToDouble(v -> Math.round(v[0] * 100) / 100.0).toArray()), median(s, 1));
                }
                if (trace > 0) {
                    Map<String, Long> byOp = new TreeMap<>();
                    step(first, modes.get(0).fetch(), x, y, on, trace, byOp, byNode);
                    int traced = trace;
                    // step() counts each op type's runs under "#" + type: split them off.
                    Map<String, Long> counts = new TreeMap<>();
                    for (var it = byOp.entrySet().iterator(); it.hasNext(); ) {
                        var e = it.next();
                        if (!e.getKey().startsWith("#")) continue;
                        counts.put(e.getKey().substring(1), e.getValue());
                        it.remove();
                    }
                    long total = byOp.values().stream().mapToLong(Long::longValue).sum();
                    System.out.printf("op time over %d traced steps (%s): %.2f ms/step%n", trace, modes.get(0), total / 1e3 / trace);
                    byOp.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .forEach(e -> System.out.printf("  %-45s %5.1f %%  %7.3f ms/step  %6.1f runs/step%n", e.getKey(),
                                    100.0 * e.getValue() / total, e.getValue() / 1e3 / traced, counts.get(e.getKey()) / (double) traced));
                }
            }
        } finally {
            graphs.values().forEach(ModelGraph::close);
        }
    }

    /**
     * {@code n} train steps as {@code Trainer} runs them: samples, targets, training on, the rate,
     * the Dropout masks (drawn once here; {@code Trainer} draws each step's on its prefetch
     * thread, off the step's), the fetches.
     */
    @SuppressWarnings("unchecked")
    private static void step(ModelGraph g, String fetch, TFloat32 x, TFloat32 y, TBool on, int n, Map<String, Long> byOp, boolean byNode) throws Exception {
        float rate = (float) g.model().train().learningRate().rate(0);
        List<Operand<TFloat32>> fed = (List<Operand<TFloat32>>) get(g, "fedMasks");
        try (TFloat32 lr = TFloat32.scalarOf(rate); Result masks = g.drawMasks(0, (int) x.shape().get(0))) {
            for (int i = 0; i < n; i++) {
                Session.Runner runner = g.session().runner().feed(op(g, "samples"), x).feed(op(g, "targets"), y)
                        .feed(op(g, "training"), on).feed(op(g, "learningRate"), lr).addTarget((Op) get(g, "trainStep"));
                for (int m = 0; m < fed.size(); m++) runner.feed(fed.get(m), (TFloat32) masks.get(m));
                if (!fetch.equals("none")) runner.fetch(op(g, "loss"));
                if (fetch.equals("all")) runner.fetch(op(g, "correct"));
                if (byOp != null) {
                    runner.setOptions(org.tensorflow.proto.RunOptions.newBuilder()
                            .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build());
                    try (Result run = runner.runAndFetchMetadata()) {
                        StepStats stats = run.getMetadata().orElseThrow().getStepStats();
                        for (var dev : stats.getDevStatsList()) {
                            for (var node : dev.getNodeStatsList()) {
                                String label = node.getTimelineLabel();
                                int eq = label.indexOf("= ");
                                String type = eq < 0 ? node.getNodeName() : label.substring(eq + 2).split("\\(")[0];
                                if (byNode) type = type + " " + node.getNodeName();
                                byOp.merge(type, node.getOpEndRelMicros() - node.getOpStartRelMicros(), Long::sum);
                                byOp.merge("#" + type, 1L, Long::sum);
                            }
                        }
                    }
                } else {
                    try (Result result = runner.run()) {
                        if (!fetch.equals("none")) ((TFloat32) result.get(0)).getFloat();
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Operand<?> op(ModelGraph g, String accessor) throws Exception { return (Operand<?>) get(g, accessor); }

    private static Object get(ModelGraph g, String accessor) throws Exception {
        var m = ModelGraph.class.getDeclaredMethod(accessor);
        m.setAccessible(true);
        return m.invoke(g);
    }

    private static TFloat32 random(ModelGraph g, String accessor, int batch, long seed) throws Exception {
        long[] dims = op(g, accessor).shape().asArray();
        dims[0] = batch;
        var shape = org.tensorflow.ndarray.Shape.of(dims);
        float[] v = new float[Math.toIntExact(shape.size())];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
        TFloat32 t = TFloat32.tensorOf(shape);
        t.copyFrom(DataBuffers.of(v, true, false));
        return t;
    }

    private static TFloat32 oneHot(ModelGraph g, int batch, long seed) throws Exception {
        long[] dims = op(g, "targets").shape().asArray();
        dims[0] = batch;
        var shape = org.tensorflow.ndarray.Shape.of(dims);
        int classes = Math.toIntExact(dims[dims.length - 1]);
        float[] v = new float[Math.toIntExact(shape.size())];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < v.length / classes; i++) v[i * classes + r.nextInt(classes)] = 1f;
        TFloat32 t = TFloat32.tensorOf(shape);
        t.copyFrom(DataBuffers.of(v, true, false));
        return t;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<double[]> s, int k) {
        double[] v = s.stream().mapToDouble(a -> a[k]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
