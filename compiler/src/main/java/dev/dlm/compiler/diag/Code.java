package dev.dlm.compiler.diag;

/**
 * The stable codes of dlm's diagnostics. Each has a page {@code docs/errors/DLMxxxx.md}
 * explaining it with an example that a test compiles. Codes are never reused.
 */
public enum Code {
    // 00xx: reading and parsing
    DLM0001("syntax error"),
    DLM0002("invalid character"),
    DLM0003("unterminated string"),
    DLM0004("nesting too deep"),
    DLM0005("number literal out of range"),
    DLM0006("cannot read file"),

    // 01xx: names
    DLM0101("unknown name"),
    DLM0102("duplicate definition"),
    DLM0103("unknown layer"),
    DLM0104("unknown argument"),
    DLM0105("missing argument"),
    DLM0106("argument given twice or too many arguments"),
    DLM0107("unknown activation"),
    DLM0108("unknown loss"),
    DLM0109("unknown optimizer"),
    DLM0110("unknown data source"),
    DLM0111("unknown training setting"),
    DLM0112("unknown metric"),
    DLM0113("missing model"),
    DLM0114("missing data or training settings"),
    DLM0115("unknown regularizer or initializer"),
    DLM0120("unknown callback"),
    DLM0121("unknown monitored metric"),
    DLM0122("unknown learning-rate schedule"),

    // 02xx: values and types
    DLM0201("wrong type"),
    DLM0202("value out of range"),
    DLM0203("invalid choice"),
    DLM0204("arithmetic error"),
    DLM0205("invalid shape"),
    DLM0206("ignored argument"),

    // 03xx: shapes
    DLM0301("layer applied to an input of the wrong rank"),
    DLM0302("window larger than its input"),
    DLM0303("output width does not match the number of classes"),
    DLM0304("model input does not match the data"),
    DLM0305("reshape changes the number of elements"),
    DLM0306("model output has the wrong rank for the loss"),
    DLM0307("layer cannot be wrapped"),
    DLM0308("model too large"),

    // 04xx: training
    DLM0401("loss does not suit the final activation"),
    DLM0402("invalid training setting"),
    DLM0410("invalid callback or schedule argument"),

    // 05xx: expectations
    DLM0501("expectation failed"),
    DLM0502("unknown expectation subject"),
    DLM0503("malformed expectation"),

    // 06xx: sweeps
    DLM0601("unknown sweep axis"),
    DLM0602("name bound twice in a sweep"),
    DLM0603("unknown reference metric"),
    DLM0604("reference out of range"),
    DLM0605("layer condition is not a boolean"),
    DLM0606("empty sweep"),
    DLM0607("duplicate sweep cell"),

    // 07xx: data (found when a run reads it)
    DLM0701("data not found"),
    DLM0702("malformed data file"),
    DLM0703("data does not fit the model"),

    // 08xx: running
    DLM0801("loss is not finite"),
    DLM0802("device not available"),
    DLM0803("cannot write an output file"),

    // 09xx: formatting
    DLM0901("file is not formatted"),
    DLM0902("file with syntax errors not formatted"),

    // 11xx: run directories and resuming
    DLM1101("resumed model differs from the run's"),
    DLM1102("not a resumable run directory"),
    DLM1103("run directory already in use"),

    // 150x: sweeps run
    DLM1500("sweep directory holds another sweep"),
    DLM1501("sweep cell failed"),
    DLM1502("no such sweep cell"),
    DLM1503("no sweep to run"),

    // 12xx: using a trained model (evaluate, predict, export, import)
    DLM1201("not a usable run directory"),
    DLM1202("input does not fit the model"),
    DLM1203("unreadable input file"),
    DLM1204("format cannot express the model"),
    DLM1205("unreadable Keras model file"),
    DLM1206("functional Keras model dlm cannot express"),
    DLM1207("unsupported Keras layer"),
    DLM1208("unsupported Keras argument"),
    DLM1209("no such model input"),
    DLM1210("model input without samples"),
    DLM1211("inputs with different numbers of samples"),

    // 1400-1449: functional models
    DLM1400("sequential and functional items mixed"),
    DLM1401("dangling tensor"),
    DLM1402("unused input or layer"),
    DLM1403("merge inputs have incompatible shapes"),
    DLM1404("wrong number of input tensors"),
    DLM1405("shared layer applied to a different shape"),
    DLM1406("a layer used as a tensor, or a tensor as a layer"),
    DLM1407("functional model without inputs"),
    DLM1408("labels per output do not match the outputs"),

    // 1430-1449: the training catalogue (losses, metrics) against the model
    DLM1430("from_logits on a probability output"),
    DLM1431("class scores from a single output unit"),
    DLM1432("metric does not suit the model's output"),
    DLM1433("top-k accuracy with k at least the number of classes"),

    // 1450-1479: CIFAR-10 data (issue 14, chapter 2), found by running
    DLM1450("CIFAR-10 not found"),
    DLM1451("CIFAR-10 archive checksum mismatch"),
    DLM1452("malformed CIFAR-10 file"),

    // 1480-1499: regression targets and multi-output training (issue 14); 1482 is found by running
    DLM1480("regression targets do not fit the output"),
    DLM1481("class-label loss on several label columns"),
    DLM1482("CSV labels do not fit the training targets"),
    DLM1483("per-output training settings do not match the outputs"),
    DLM1484("an output's label columns do not fit its units"),
    DLM1485("class-label loss on an output's real-valued targets"),

    // 1550-1599: sweeps on several machines (--collect, --emit)
    DLM1550("sweep cells not finished"),
    DLM1551("unreadable sweep cell result"),
    DLM1552("cell result from another sweep");

    private final String title;

    Code(String title) { this.title = title; }

    /** A short, lower-case description: the rule's name in SARIF and the docs page title. */
    public String title() { return title; }

    /**
     * True when checking a file can report this code (families 00-06 and 14); the others are
     * found by running, formatting or exporting, where a file's text alone cannot show them.
     */
    public boolean foundByChecker() {
        int number = Integer.parseInt(name().substring(3));
        int family = number / 100;
        boolean cifar10 = number >= 1450 && number <= 1479;  // data problems: only a run reads the files
        boolean runData = number == 1482;  // the labels' values: only a run reads them
        return family <= 6 || family == 14 && !cifar10 && !runData;
    }
}
