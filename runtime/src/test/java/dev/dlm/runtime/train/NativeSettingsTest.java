package dev.dlm.runtime.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Loading the model graph switches off JavaCPP's per-allocation read of the process size
 * (NativeSettings), unless the user set the property: it cost 40-50 µs of CPU per training step.
 */
class NativeSettingsTest {

    @Test
    void theModelGraphSwitchesOffThePhysicalBytesCheckUnlessSet() throws Exception {
        Class.forName(ModelGraph.class.getName(), true, getClass().getClassLoader());
        String set = System.getProperty(NativeSettings.MAX_PHYSICAL_BYTES);
        assertEquals("0", set, "org.bytedeco.javacpp.maxPhysicalBytes after ModelGraph loaded");
        System.setProperty(NativeSettings.MAX_PHYSICAL_BYTES, "8g");
        try {
            NativeSettings.apply();
            assertEquals("8g", System.getProperty(NativeSettings.MAX_PHYSICAL_BYTES), "the user's value is kept");
        } finally {
            System.setProperty(NativeSettings.MAX_PHYSICAL_BYTES, set);
        }
    }
}
