package io.tatra.cli;

import io.tatra.TatraHome;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--home", paramLabel = "DIR", description = "Tatra home (store, logs). Default: $TATRA_HOME, else ~/.tatra")
    Path home;

    @Option(names = "--json", description = "Machine-readable JSON on stdout")
    boolean json;

    Path home() { return TatraHome.resolve(home); }
}
