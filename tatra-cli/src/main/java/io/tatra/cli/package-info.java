/**
 * The tatra command line (picocli): commands parse options, call an application service or a library workflow, and print. No application logic another entry point needs lives here.
 */
package io.tatra.cli;
