/**
 * Run directories: what {@code dlmc run} keeps of every run (the model as run, {@code run.json},
 * the history, the metrics, checkpoints, TensorBoard logs), the atomic writes that keep them
 * usable whenever the process dies, and resuming a run exactly where it stopped.
 */
package dev.dlm.runtime.run;
