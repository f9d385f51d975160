package dev.dlm.runtime.tensorboard;

import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the events of a TensorBoard log folder (every {@code events.out.tfevents.*} file, in name order). */
public final class EventReader {
    private EventReader() {}

    /** One scalar: its tag, step and value. */
    public record Scalar(String tag, long step, float value) {}

    public static List<Event> events(Path logDir) throws IOException {
        List<Event> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(logDir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (byte[] record : Records.read(in)) out.add(Event.parseFrom(record));
            }
        }
        return out;
    }

    /** The scalars of {@code logDir}, in file order; tensor and legacy {@code simple_value} summaries alike. */
    public static List<Scalar> scalars(Path logDir) throws IOException {
        List<Scalar> out = new ArrayList<>();
        for (Event e : events(logDir)) {
            if (!e.hasSummary()) continue;
            for (Summary.Value v : e.getSummary().getValueList()) {
                float value = v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE ? v.getSimpleValue() : v.getTensor().getFloatVal(0);
                out.add(new Scalar(v.getTag(), e.getStep(), value));
            }
        }
        return out;
    }
}
