/**
 * The {@code dlmc} command line: picocli commands ({@code check}, {@code summary}, {@code fmt},
 * {@code run}) that parse options, call the compiler's and the runtime's services and render
 * their results, with exit status 0 ok, 1 problems found, 2 usage and 70 internal error. Commands
 * stay thin: the work is done by services that tests and the language server call directly;
 * {@code Training} is the only class here that touches TensorFlow.
 */
package dev.dlm.cli;
