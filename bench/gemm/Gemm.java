import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

import java.util.Arrays;

/**
 * The float32 GEMM peak of this machine through TensorFlow Java: the denominator of
 * {@code bench/run train}'s "% of peak". For each size n it multiplies two n x n matrices held
 * in variables (so no feed or fetch crosses the session boundary) {@code reps} times per
 * {@code Session.run} and reports the best of several runs in GFLOP/s (2 n^3 per product).
 * Run by {@code bench/run gemm} as a single-file program on dlmc's class path:
 * {@code java -cp cli/target/dlmc.jar bench/gemm/Gemm.java [threads] [sizes...]}. Prints one JSON line.
 */
public final class Gemm {

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {512, 1024, 2048};
        StringBuilder json = new StringBuilder("{\"threads\": " + threads + ", \"sizes\": {");
        double best = 0;
        for (int i = 0; i < sizes.length; i++) {
            double gflops = measure(sizes[i], threads);
            best = Math.max(best, gflops);
            json.append(i == 0 ? "" : ", ").append('"').append(sizes[i]).append("\": ").append(String.format("%.1f", gflops));
        }
        json.append("}, \"peak_gflops\": ").append(String.format("%.1f", best)).append('}');
        System.out.println(json);
    }

    /** Best GFLOP/s of n x n by n x n products, after a warm-up. */
    private static double measure(int n, int threads) {
        // Enough products per run that the session's per-run overhead is negligible (~0.2 s a run).
        int reps = Math.max(1, (int) (2e10 / (2.0 * n * n * n)));
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Shape shape = Shape.of(n, n);
            Variable<TFloat32> a = tf.variable(shape, TFloat32.class);
            Variable<TFloat32> b = tf.variable(shape, TFloat32.class);
            var init = tf.withControlDependencies(java.util.List.of(
                    tf.assign(a, tf.random.statelessRandomUniform(tf.constant(new int[] {n, n}), tf.constant(new long[] {1, 2}), TFloat32.class)),
                    tf.assign(b, tf.random.statelessRandomUniform(tf.constant(new int[] {n, n}), tf.constant(new long[] {3, 4}), TFloat32.class))))
                    .noOp();
            // Independent products of the same inputs, run one after the other (inter-op 1).
            java.util.List<org.tensorflow.op.Op> products = new java.util.ArrayList<>();
            for (int r = 0; r < reps; r++) {
                MatMul<TFloat32> p = tf.linalg.matMul(a, b, MatMul.transposeA(r % 2 == 1));
                products.add(p);
            }
            var all = tf.withControlDependencies(products).noOp();
            // No graph optimizations: common-subexpression elimination would merge the products.
            ConfigProto config = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1)
                    .setGraphOptions(GraphOptions.newBuilder()
                            .setOptimizerOptions(OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L0))
                            .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
                    .build();
            try (Session s = new Session(g, config)) {
                s.runner().addTarget(init).run().close();
                s.runner().addTarget(all).run().close();  // warm-up: kernel selection, thread pool
                double bestSeconds = Double.MAX_VALUE;
                for (int run = 0; run < 5; run++) {
                    long t0 = System.nanoTime();
                    s.runner().addTarget(all).run().close();
                    bestSeconds = Math.min(bestSeconds, (System.nanoTime() - t0) / 1e9);
                }
                return 2.0 * n * n * n * reps / bestSeconds / 1e9;
            }
        }
    }
}
