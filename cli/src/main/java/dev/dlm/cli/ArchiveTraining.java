package dev.dlm.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The work the launcher's class-data-sharing archive is made from. The archive holds the classes
 * the run that makes it loaded, and the launcher makes it on the first check, summary or fmt
 * after a build, whichever that is: made by `fmt` alone it missed 168 classes of a `check`, which
 * every later check then loaded from the jar (+15 % CPU, docs/benchmarks.md, "`dlmc check`
 * start-up, fourth round"). So that run, and only that run ({@code -Ddlmc.cds.train=true}, set
 * by the launcher), afterwards also checks, summarizes and formats three small models read from
 * memory, two clean and one with errors, in every output format, into discarded output.
 */
final class ArchiveTraining {

    private ArchiveTraining() {}

    static final String PROPERTY = "dlmc.cds.train";

    /** A clean sequential model with the common layer kinds, a sweep and expectations. */
    static final String CLEAN = """
            # dlmc's class-data-sharing warm-up (cli ArchiveTraining)
            let units = 32
            let rate = 0.25
            let penalty = None

            data mnist

            model warmup(input=[28, 28, 1]) {
                Conv2D(8, kernel_size=3, activation='relu', padding='same')
                BatchNormalization()
                MaxPooling2D(2)
                Flatten()
                Dense(units, activation='relu', kernel_regularizer=penalty)
                Dropout(rate) if rate > 0
                Dense(10, activation='softmax')
            }

            train {
                loss       = categorical_crossentropy
                optimizer  = adam
                metrics    = [accuracy]
                epochs     = 1
                batch_size = 128
            }

            expect params > 0

            sweep {
                cell "narrow" {
                    units   = 16
                    rate    = 0
                    penalty = l2(0.001)
                    expect test.accuracy >= 0.5
                    reference train.accuracy = 0.9, test.accuracy = 0.9
                }
            }
            """;

    /** A clean functional model: a shortcut, CIFAR-10 with augmentation, a schedule, a callback. */
    static final String FUNCTIONAL = """
            data cifar10(crop_padding=4, horizontal_flip=True)

            model shortcut {
                inputs = Input(shape=[32, 32, 3])
                x = Conv2D(8, kernel_size=3, padding='same', kernel_initializer='he_normal', kernel_regularizer=l2(1e-4))(inputs)
                x = BatchNormalization()(x)
                x = Activation('relu')(x)
                y = Conv2D(8, kernel_size=3, padding='same')(x)
                x = Add()([x, y])
                x = AveragePooling2D(pool_size=8)(x)
                y = Flatten()(x)
                outputs = Dense(10, activation='softmax')(y)
            }

            train {
                loss       = categorical_crossentropy
                optimizer  = adam(learning_rate=PiecewiseConstantDecay(boundaries=[100], values=[1e-3, 1e-4]))
                metrics    = [accuracy]
                epochs     = 2
                batch_size = 32
                validation = test
                callbacks  = [ModelCheckpoint('best.keras', monitor='val_accuracy', save_best_only=True)]
            }

            expect non_trainable_params == 16
            """;

    /** A model with errors of three kinds: a bad argument value, an unknown layer, an unknown activation. */
    static final String FAULTY = """
            data mnist

            model faulty(input=[784]) {
                Dense(units=-1)
                Dens(10)
                Dense(10, activation='softmx')
            }

            train {
                loss      = categorical_crossentropy
                optimizer = adam
                epochs    = 1
            }

            expect params == 1
            """;

    /**
     * Runs the warm-up; the command lines whose exit status was not the expected one (none
     * unless the samples above no longer check as described). Never throws.
     */
    static List<String> run() {
        List<String> unexpected = new ArrayList<>();
        for (String format : List.of("text", "json", "sarif", "github")) {
            expect(unexpected, Dlmc.OK, CLEAN, "check", "--format", format, "-");
            expect(unexpected, Dlmc.FAILED, FAULTY, "check", "--format", format, "-");
        }
        expect(unexpected, Dlmc.FAILED, FAULTY, "check", "--color", "always", "-");
        expect(unexpected, Dlmc.OK, FUNCTIONAL, "check", "-");
        expect(unexpected, Dlmc.OK, FUNCTIONAL, "summary", "-");
        expect(unexpected, Dlmc.OK, CLEAN, "summary", "--cell", "0", "-");
        expect(unexpected, Dlmc.OK, CLEAN, "summary", "-");
        expect(unexpected, Dlmc.OK, CLEAN, "summary", "--format", "json", "-");
        expect(unexpected, Dlmc.OK, CLEAN, "fmt", "-");
        expect(unexpected, Dlmc.FAILED, FAULTY, "summary", "-");
        expect(unexpected, Dlmc.OK, "", "explain", "DLM0103");
        return unexpected;
    }

    private static void expect(List<String> unexpected, int status, String model, String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int actual;
        try {
            actual = Dlmc.execute(args, new ByteArrayInputStream(model.getBytes(StandardCharsets.UTF_8)), discard, discard);
        } catch (RuntimeException | Error e) {
            actual = -1;
        }
        if (actual != status) unexpected.add(String.join(" ", args) + ": exit " + actual + ", expected " + status);
    }
}
