package dev.dlm.runtime.bench;

import dev.dlm.compiler.ir.CheckedModel;
import dev.dlm.runtime.data.Split;
import dev.dlm.runtime.testing.Mnist;
import dev.dlm.runtime.testing.Models;
import dev.dlm.runtime.train.EpochStats;
import dev.dlm.runtime.train.RunOptions;
import dev.dlm.runtime.train.Trainer;
import dev.dlm.runtime.train.TrainingListener;

/**
 * A manual end-to-end check on full MNIST (not part of the test suite): trains the book's MLP,
 * CNN or SimpleRNN and prints per-epoch loss, accuracy and seconds and the final test accuracy.
 * Run with {@code java -cp <test classpath> dev.dlm.runtime.bench.FullMnistCheck mlp|cnn|rnn [epochs] [intra] [inter] [seed]}.
 */
public final class FullMnistCheck {

    private FullMnistCheck() {}

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "mlp";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int intra = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int inter = args.length > 3 ? Integer.parseInt(args[3]) : intra;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        Split train = Mnist.train(60_000);
        Split test = Mnist.test(10_000);
        CheckedModel model = switch (which) {
            // Listing 1.3.2: 784-256-relu-dropout-256-relu-dropout-10-softmax, adam, batch 128.
            case "mlp" -> Models.input(784).data(28, 28).dense(256, "relu").dropout(0.45).dense(256, "relu").dropout(0.45)
                    .dense(10, "softmax").batchSize(128).epochs(epochs).build();
            // Listing 1.4.1: three 3x3 conv layers of 64 filters with 2x2 max pooling, dropout 0.2, batch 128.
            case "cnn" -> Models.input(28, 28, 1).data(28, 28).conv2d(64, 3, 1, "valid", 1, "relu").pool2d("MaxPooling2D", 2, 2, "valid")
                    .conv2d(64, 3, 1, "valid", 1, "relu").pool2d("MaxPooling2D", 2, 2, "valid")
                    .conv2d(64, 3, 1, "valid", 1, "relu").flatten().dropout(0.2).dense(10, "softmax")
                    .batchSize(128).epochs(epochs).build();
            // Listing 1.5.1: SimpleRNN(256) over the 28 rows, dropout 0.2, sgd, batch 128.
            case "rnn" -> Models.input(28, 28).data(28, 28).recurrent("SimpleRNN", 256, false).dropout(0.2).dense(10, "softmax")
                    .optimizer(Models.optimizer("sgd")).batchSize(128).epochs(epochs).build();
            default -> throw new IllegalArgumentException("mlp, cnn or rnn");
        };
        long start = System.nanoTime();
        try (Trainer trainer = Trainer.create(model, RunOptions.defaults().withThreads(intra, inter).withSeed(seed))) {
            System.out.printf("%s: %d params, graph built in %.2f s%n", which, model.totalParams(), (System.nanoTime() - start) / 1e9);
            // Process CPU time per epoch next to wall time: on a shared, loaded machine the CPU
            // seconds are the better estimate of the epoch time on an idle one.
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long[] cpu = {os.getProcessCpuTime()};
            trainer.fit(train, null, new TrainingListener() {
                @Override public void onEpochEnd(EpochStats s) {
                    long now = os.getProcessCpuTime();
                    System.out.printf("epoch %2d  loss %.4f  accuracy %.4f  %.2f s wall  %.2f s cpu%n", s.epoch(), s.loss(),
                            s.accuracy(), s.seconds(), (now - cpu[0]) / 1e9);
                    cpu[0] = now;
                }
            });
            System.out.printf("test accuracy %.4f%n", trainer.evaluate(test).accuracy());
        }
    }
}
