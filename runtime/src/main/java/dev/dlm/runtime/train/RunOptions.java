package dev.dlm.runtime.train;

/**
 * How a model runs: the device ({@code cpu} or {@code gpu}), TensorFlow's intra- and inter-op
 * thread pools, and a seed that overrides the model's own (null keeps the model's seed, or a
 * random one when the model has none).
 */
public record RunOptions(String device, int intraOpThreads, int interOpThreads, Long seed) {

    public RunOptions {
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be cpu or gpu, not " + device);
        }
        if (intraOpThreads < 1 || interOpThreads < 1) throw new IllegalArgumentException("thread counts must be positive");
    }

    /** CPU, as many threads as cores, the model's seed. */
    public static RunOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new RunOptions("cpu", cores, cores, null);
    }

    public RunOptions withDevice(String newDevice) { return new RunOptions(newDevice, intraOpThreads, interOpThreads, seed); }

    public RunOptions withThreads(int intra, int inter) { return new RunOptions(device, intra, inter, seed); }

    public RunOptions withSeed(Long newSeed) { return new RunOptions(device, intraOpThreads, interOpThreads, newSeed); }
}
