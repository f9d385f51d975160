package dev.dlm.runtime.train;

import dev.dlm.compiler.diag.Code;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Which devices TensorFlow can use on this machine. */
final class Devices {

    private Devices() {}

    /**
     * Throws {@link TrainingException} unless TensorFlow can run an op on {@code /GPU:0}: a
     * one-op graph pinned there with soft placement off fails to run when no GPU is visible.
     */
    static void requireGpu() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var probe = tf.math.add(tf.constant(1f), tf.constant(1f));
            ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
            try (Session session = new Session(graph, strict)) {
                session.runner().fetch(probe).run().close();
            }
        } catch (RuntimeException e) {
            throw new TrainingException(Code.DLM0802, "no GPU is visible to TensorFlow (device gpu was requested)",
                    "check that dlmc was built with the GPU native library (mvn -Pgpu), that CUDA 12 and "
                    + "cuDNN are installed and that nvidia-smi lists a GPU; or run with --device cpu");
        }
    }
}
