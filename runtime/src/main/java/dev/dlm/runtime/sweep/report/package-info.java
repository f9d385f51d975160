/**
 * A sweep's outputs: the table of every cell in the book's column layout (Markdown, CSV,
 * JSON), with dlm's measured accuracy beside the book's, the difference and whether it lies
 * outside the seed-to-seed noise, and two SVG charts (each cell's test accuracy against the
 * book's; every cell's learning curves). Pure Java: no TensorFlow, no Python.
 */
package dev.dlm.runtime.sweep.report;
