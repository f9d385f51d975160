/**
 * Sweeps as plans: a file's {@code sweep} expanded to its cells in a fixed order, each with its
 * bindings, the published numbers it is compared with, and its fully checked model. The
 * runtime's sweep runner, {@code dlmc sweep} and the cluster emitters read a
 * {@link dev.dlm.compiler.sweep.SweepPlan}; {@link dev.dlm.compiler.sweep.SweepPlanner} makes one.
 */
package dev.dlm.compiler.sweep;
