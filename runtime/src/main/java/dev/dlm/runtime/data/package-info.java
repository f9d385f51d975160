/**
 * Datasets: the samples and labels a program trains and tests on, loaded without TensorFlow.
 *
 * <p>{@link dev.dlm.runtime.data.DataLoader#load(dev.dlm.compiler.ir.DataSpec)} reads a
 * source into a {@link dev.dlm.runtime.data.Dataset}: a training and a test
 * {@link dev.dlm.runtime.data.Split}. A split stores its samples compactly (uint8 images stay
 * one byte per pixel) and writes scaled float32 batches into a caller's array, allocating
 * nothing, so a training loop reuses one buffer per step:
 *
 * <pre>{@code
 * Dataset data = DataLoader.load(spec);
 * ValidationSplit parts = ValidationSplit.of(data.train(), 0.1);   // Keras's validation_split
 * Split train = parts.train();
 * int[] order = train.order();                                     // shuffle it each epoch
 * float[] x = new float[batch * train.elements()];
 * float[] y = new float[batch * train.classes()];
 * for (int from = 0; from < train.size(); from += batch) {
 *     int n = Math.min(batch, train.size() - from);
 *     train.fillBatch(order, from, n, x);
 *     train.fillOneHot(order, from, n, y);                          // or fillLabels for sparse ids
 *     ...
 * }
 * }</pre>
 */
package dev.dlm.runtime.data;
