package io.tatra.cli;

/** JSON output of the CLI: Tatra's one mapper, indented. */
final class Json {
    private Json() {}

    static String write(Object o) { return io.tatra.Json.write(o); }
}
