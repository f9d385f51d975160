/**
 * Sweeps run: every cell of a {@link dev.dlm.compiler.sweep.SweepPlan} trained in its own run
 * directory under one sweep directory, resumably, several at a time, each leaving a small
 * {@link dev.dlm.runtime.sweep.CellResult} ({@code cell-NNN/cell.json}) that tables, charts
 * and the cluster collector read.
 */
package dev.dlm.runtime.sweep;
