package dev.dlm.runtime.tensorboard;

import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One TensorBoard event file ({@code events.out.tfevents.<seconds>.dlm.v2}) in a log folder,
 * written as TensorFlow 2's summary writer writes it: a version event first, then one event
 * per scalar (a float32 scalar tensor with the {@code scalars} plugin's metadata, as
 * {@code tf.summary.scalar} writes it) or graph. Each event is flushed as written, so a kill
 * loses at most the event being written (readers skip a cut-short last record).
 */
public final class EventWriter implements AutoCloseable {

    private final Path file;
    private final OutputStream out;

    private EventWriter(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Opens a new event file in {@code logDir}, stamped with {@code wallSeconds}. */
    public static EventWriter create(Path logDir, double wallSeconds) throws IOException {
        Files.createDirectories(logDir);
        long stamp = (long) wallSeconds;
        Path file = logDir.resolve("events.out.tfevents." + stamp + ".dlm.v2");
        for (int i = 1; Files.exists(file); i++) file = logDir.resolve("events.out.tfevents." + stamp + ".dlm." + i + ".v2");
        EventWriter w = new EventWriter(file);
        w.write(Event.newBuilder().setWallTime(wallSeconds).setFileVersion("brain.Event:2").build());
        return w;
    }

    public Path file() { return file; }

    /** A scalar at {@code step} under {@code tag} ({@code epoch_loss}). */
    public void scalar(String tag, long step, double value, double wallSeconds) throws IOException {
        TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.getDefaultInstance()).addFloatVal((float) value).build();
        SummaryMetadata metadata = SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("scalars")).build();
        Summary summary = Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setMetadata(metadata)
                .setTensor(tensor)).build();
        write(Event.newBuilder().setWallTime(wallSeconds).setStep(step).setSummary(summary).build());
    }

    /** The model's graph ({@code GraphDef} bytes), shown on TensorBoard's Graphs tab. */
    public void graph(byte[] graphDef, double wallSeconds) throws IOException {
        write(Event.newBuilder().setWallTime(wallSeconds).setGraphDef(com.google.protobuf.ByteString.copyFrom(graphDef)).build());
    }

    private void write(Event event) throws IOException {
        out.write(Records.frame(event.toByteArray()));
        out.flush();
    }

    @Override
    public void close() throws IOException { out.close(); }
}
