/**
 * Running a sweep on more than one machine: the cell is the unit of distribution, and this
 * package writes what a cluster scheduler needs to run every cell as one task of an array,
 * from the compiler's memory estimate and the threads a cell uses: a Kubernetes Indexed Job
 * (with the sweep file in a ConfigMap) and a Slurm job-array script. The manifests are
 * written by hand (no Kubernetes client at run time).
 */
package dev.dlm.runtime.sweep.cluster;
