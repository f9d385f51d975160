#!/usr/bin/env python3
"""PyTorch reference for the three seed models of dlm (book chapter 1), written to match Keras.

A training-speed reference: it trains the MLP (Listing 1.3.2), the CNN (Listing 1.4.1) or the
SimpleRNN (Listing 1.5.1) on MNIST the way Keras 2 / TF 2 would, and prints one JSON document
with the seconds of every epoch, samples per second, the test accuracy and the peak resident
memory. `bench/run train` compares it with `dlmc run`; see docs/benchmarks.md.

Faithful to Keras where it matters for speed and accuracy:
  * same layers and trainable parameter counts (asserted: 269,322 / 80,266 / 75,530);
  * glorot_uniform kernels, zero biases, orthogonal recurrent kernel;
  * Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-7) or SGD(lr=0.01), batch 128, shuffled every
    epoch, last partial batch kept (469 steps per epoch);
  * inverted dropout in training only; SimpleRNN's dropout is one mask per sequence on the
    inputs, shared by all timesteps, as Keras draws it;
  * pixels scaled by 1/255, categorical cross-entropy of a softmax (computed from logits, which
    is what Keras does when the output layer is a softmax).
Known, deliberate differences: PyTorch's Adam adds eps after bias correction (Keras before), a
negligible change with eps=1e-7; the CNN computes in channels-last (NHWC) like Keras but
flattens channels-first, a permutation of the same 576 features.

Run with Debian's interpreter, which is where python3-torch lives:
    /usr/bin/python3 bench/train/torch_ref.py --model cnn --epochs 2
"""

import argparse
import gzip
import hashlib
import json
import os
import platform
import resource
import statistics
import struct
import sys
import time

# libgomp's threads spin while they wait for work (its default ACTIVE policy), and spinning
# threads starve each other once the machine is oversubscribed: on the shared 2-core machine,
# 2 spinning threads made an MLP epoch about 20x slower than 1 thread, while 2 passive ones
# stayed close to 1. libgomp reads this when torch loads it, hence before the import; an
# OMP_WAIT_POLICY already in the environment wins (ACTIVE measures the spinning default).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError as missing:  # a clear message instead of a traceback
    sys.exit(
        f"torch_ref: cannot import {missing.name!r} with {sys.executable}.\n"
        "Install Debian's PyTorch and run with Debian's interpreter:\n"
        "  apt-get install -y python3-torch libopenblas0-openmp\n"
        "  /usr/bin/python3 bench/train/torch_ref.py ..."
    )

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_MNIST = os.path.join(REPO_ROOT, "..", "shared", "datasets", "mnist")
MNIST_FILES = {
    "train_x": "train-images-idx3-ubyte.gz",
    "train_y": "train-labels-idx1-ubyte.gz",
    "test_x": "t10k-images-idx3-ubyte.gz",
    "test_y": "t10k-labels-idx1-ubyte.gz",
}
IDX_IMAGES_MAGIC = 2051
IDX_LABELS_MAGIC = 2049
NUM_CLASSES = 10
BATCH_SIZE = 128


class DataError(Exception):
    """A problem with the MNIST files that the user can fix (missing, corrupt, wrong path)."""


def read_idx(path, magic):
    """Returns the array stored in one gzipped idx file (uint8), checking its magic number."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    found, = struct.unpack(">i", raw[:4])
    if found != magic:
        raise DataError(f"{path}: idx magic number {found}, expected {magic}")
    rank = magic & 0xFF
    dims = struct.unpack(f">{rank}i", raw[4:4 + 4 * rank])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank)
    if data.size != int(np.prod(dims)):
        raise DataError(f"{path}: {data.size} bytes of data for dimensions {dims}")
    return data.reshape(dims)


def verify_checksums(directory):
    """Checks the four files against SHA256SUMS when the directory has one."""
    sums_path = os.path.join(directory, "SHA256SUMS")
    if not os.path.exists(sums_path):
        return
    expected = {}
    with open(sums_path) as f:
        for line in f:
            if line.strip():
                digest, name = line.split()
                expected[name.lstrip("*")] = digest  # '*' marks binary mode in sha256sum output
    for name in MNIST_FILES.values():
        want = expected.get(name)
        if want is None:
            continue
        with open(os.path.join(directory, name), "rb") as f:
            got = hashlib.sha256(f.read()).hexdigest()
        if got != want:
            raise DataError(f"{name}: SHA-256 {got} does not match SHA256SUMS ({want})")


def load_mnist(directory):
    """Returns (x_train, y_train, x_test, y_test): float32 pixels in [0, 1] and int64 labels."""
    missing = [n for n in MNIST_FILES.values() if not os.path.isfile(os.path.join(directory, n))]
    if missing:
        raise DataError(f"MNIST not found in {os.path.abspath(directory)}: missing {', '.join(missing)}"
                        " (pass --mnist DIR)")
    verify_checksums(directory)
    arrays = {key: read_idx(os.path.join(directory, name),
                            IDX_IMAGES_MAGIC if key.endswith("_x") else IDX_LABELS_MAGIC)
              for key, name in MNIST_FILES.items()}

    def pixels(a):
        return torch.from_numpy(a.astype(np.float32) / 255.0)

    def labels(a):
        return torch.from_numpy(a.astype(np.int64))

    return pixels(arrays["train_x"]), labels(arrays["train_y"]), pixels(arrays["test_x"]), labels(arrays["test_y"])


def glorot_uniform_zero_bias(module):
    """Initialises Dense and Conv2D layers as Keras does: glorot_uniform kernel, zero bias."""
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.xavier_uniform_(module.weight)  # fans as Keras computes them, incl. receptive field
        nn.init.zeros_(module.bias)


class Mlp(nn.Module):
    """Listing 1.3.2: 784-256(relu)-Dropout(0.45)-256(relu)-Dropout(0.45)-10(softmax)."""

    expected_params = 269_322
    optimizer = "adam"

    def __init__(self, hidden=256, dropout=0.45):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(784, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, NUM_CLASSES),  # softmax is folded into the loss
        )
        self.apply(glorot_uniform_zero_bias)

    @staticmethod
    def shape_input(images):
        return images.reshape(-1, 784)

    def forward(self, x):
        return self.net(x)


class Cnn(nn.Module):
    """Listing 1.4.1: three Conv2D(64, 3, relu), two MaxPooling2D(2), Flatten, Dropout(0.2), Dense(10)."""

    expected_params = 80_266
    optimizer = "adam"

    def __init__(self, filters=64, dropout=0.2):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, filters, 3), nn.ReLU(), nn.MaxPool2d(2),        # 26x26 -> 13x13
            nn.Conv2d(filters, filters, 3), nn.ReLU(), nn.MaxPool2d(2),  # 11x11 -> 5x5
            nn.Conv2d(filters, filters, 3), nn.ReLU(),                   # 3x3x64
            nn.Flatten(), nn.Dropout(dropout),
            nn.Linear(3 * 3 * filters, NUM_CLASSES),
        )
        self.apply(glorot_uniform_zero_bias)
        # Channels-last (NHWC) is Keras's layout and oneDNN's fast path: about 10 % faster
        # per step than NCHW here.
        self.to(memory_format=torch.channels_last)

    @staticmethod
    def shape_input(images):
        return images.reshape(-1, 1, 28, 28)

    def forward(self, x):
        return self.net(x.contiguous(memory_format=torch.channels_last))


class SimpleRnn(nn.Module):
    """Listing 1.5.1: SimpleRNN(256, tanh, dropout=0.2) over 28 steps of 28 pixels, Dense(10).

    nn.RNN carries two biases (input and recurrent) where Keras has one; the recurrent bias is
    kept at zero and frozen so the trainable parameters and the arithmetic are Keras's.
    """

    expected_params = 75_530
    optimizer = "sgd"

    def __init__(self, units=256, dropout=0.2):
        super().__init__()
        self.dropout = dropout
        self.rnn = nn.RNN(28, units, nonlinearity="tanh", batch_first=True)
        nn.init.xavier_uniform_(self.rnn.weight_ih_l0)
        nn.init.orthogonal_(self.rnn.weight_hh_l0)
        nn.init.zeros_(self.rnn.bias_ih_l0)
        nn.init.zeros_(self.rnn.bias_hh_l0)
        self.rnn.bias_hh_l0.requires_grad_(False)
        self.dense = nn.Linear(units, NUM_CLASSES)
        glorot_uniform_zero_bias(self.dense)

    @staticmethod
    def shape_input(images):
        return images.reshape(-1, 28, 28)

    def forward(self, x):
        if self.training and self.dropout > 0:
            # Keras draws one input mask per sequence and reuses it at every timestep.
            keep = 1.0 - self.dropout
            mask = torch.bernoulli(torch.full((x.shape[0], 1, x.shape[2]), keep)) / keep
            x = x * mask
        _, h_last = self.rnn(x)
        return self.dense(h_last[0])


MODELS = {"mlp": Mlp, "cnn": Cnn, "rnn": SimpleRnn}


def make_optimizer(kind, params):
    """Returns Keras's default Adam or SGD for the given parameters."""
    if kind == "adam":
        return torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    return torch.optim.SGD(params, lr=0.01)


def trainable_params(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train_epoch(model, optimizer, x, y):
    """Runs one shuffled pass over (x, y); returns mean loss and accuracy as Keras reports them."""
    model.train()
    order = torch.randperm(x.shape[0])
    loss_sum = torch.zeros(())
    correct = torch.zeros((), dtype=torch.int64)
    for start in range(0, x.shape[0], BATCH_SIZE):
        batch = order[start:start + BATCH_SIZE]
        xb, yb = x.index_select(0, batch), y.index_select(0, batch)
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        with torch.no_grad():  # running sums; read once per epoch, so no per-step sync
            loss_sum += loss.detach() * yb.shape[0]
            correct += (logits.argmax(1) == yb).sum()
    return loss_sum.item() / x.shape[0], correct.item() / x.shape[0]


@torch.no_grad()
def evaluate(model, x, y, batch_size=1000):
    """Returns (loss, accuracy) on (x, y) in inference mode (dropout off)."""
    model.eval()
    loss_sum, correct = 0.0, 0
    for start in range(0, x.shape[0], batch_size):
        logits = model(x[start:start + batch_size])
        yb = y[start:start + batch_size]
        loss_sum += F.cross_entropy(logits, yb, reduction="sum").item()
        correct += (logits.argmax(1) == yb).sum().item()
    return loss_sum / x.shape[0], correct / x.shape[0]


def peak_rss_mb():
    """Peak resident set size of this process in MiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def blas_info():
    """The BLAS and OpenMP libraries torch loaded and the kernel OpenBLAS chose (threadpoolctl), if available."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    keep = ("internal_api", "version", "architecture", "num_threads", "threading_layer", "filepath")
    return [{k: v for k, v in pool.items() if k in keep} for pool in threadpool_info()]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, choices=sorted(MODELS))
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--mnist", default=DEFAULT_MNIST,
                   help="directory with the four MNIST .gz idx files (default: ../shared/datasets/mnist"
                        " relative to the repository root)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--train-limit", type=int, help="train on the first N training images only")
    p.add_argument("--eval-each-epoch", action="store_true",
                   help="also report test accuracy after every epoch (outside the timed part)")
    p.add_argument("--metrics-out", help="also write the JSON result to this file")
    p.add_argument("--quiet", action="store_true", help="no per-epoch progress on stderr")
    args = p.parse_args(argv)
    if args.epochs < 1:
        p.error("--epochs must be at least 1")
    if args.threads < 1:
        p.error("--threads must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    # TensorFlow runs its CPU kernels with denormals flushed to zero; do the same, so vanishing
    # (SimpleRNN) gradients cost both sides alike.
    torch.set_flush_denormal(True)
    torch.manual_seed(args.seed)
    try:
        x_train, y_train, x_test, y_test = load_mnist(args.mnist)
    except (DataError, OSError) as problem:
        sys.exit(f"torch_ref: {problem}")

    model_class = MODELS[args.model]
    model = model_class()
    params = trainable_params(model)
    assert params == model_class.expected_params, \
        f"{args.model}: {params} trainable parameters, Keras has {model_class.expected_params}"
    optimizer = make_optimizer(model_class.optimizer, [p for p in model.parameters() if p.requires_grad])
    x_train, x_test = model_class.shape_input(x_train), model_class.shape_input(x_test)
    if args.train_limit:
        x_train, y_train = x_train[:args.train_limit], y_train[:args.train_limit]

    epochs = []
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        loss, accuracy = train_epoch(model, optimizer, x_train, y_train)
        seconds = time.perf_counter() - started
        record = {"epoch": epoch, "loss": loss, "accuracy": accuracy, "seconds": seconds,
                  "samples_per_second": x_train.shape[0] / seconds}
        if args.eval_each_epoch:
            record["test_loss"], record["test_accuracy"] = evaluate(model, x_test, y_test)
        epochs.append(record)
        if not args.quiet:
            print(f"torch_ref {args.model} epoch {epoch}/{args.epochs}: {seconds:.2f} s, "
                  f"loss {loss:.4f}, accuracy {accuracy:.4f}", file=sys.stderr, flush=True)

    test_loss, test_accuracy = evaluate(model, x_test, y_test)
    # Epoch 1 carries one-time warm-up (allocator, kernel selection); steady state is the rest.
    steady = [e["seconds"] for e in epochs[1:]] or [epochs[0]["seconds"]]
    steady_seconds = statistics.median(steady)
    result = {
        "model": args.model,
        "framework": "pytorch",
        "params": params,
        "train_samples": int(x_train.shape[0]),
        "batch_size": BATCH_SIZE,
        "optimizer": model_class.optimizer,
        "epochs": epochs,
        "steady_seconds_per_epoch": steady_seconds,
        "steady_includes_warmup": len(epochs) == 1,
        "samples_per_second": x_train.shape[0] / steady_seconds,
        "test": {"loss": test_loss, "accuracy": test_accuracy},
        "peak_rss_mb": peak_rss_mb(),
        "threads": torch.get_num_threads(),
        "omp_wait_policy": os.environ["OMP_WAIT_POLICY"],
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "seed": args.seed,
        "blas": blas_info(),
    }
    text = json.dumps(result, indent=2)
    if args.metrics_out:
        with open(args.metrics_out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
