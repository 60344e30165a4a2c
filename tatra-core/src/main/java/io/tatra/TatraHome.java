package io.tatra;

import java.nio.file.Path;

/**
 * Tatra's home folder, where the store and logs live: the {@code --home} option, else the
 * {@code TATRA_HOME} environment variable, else {@code ~/.tatra}.
 */
public final class TatraHome {
    public static final String ENV = "TATRA_HOME";

    private TatraHome() {}

    public static Path resolve(Path option) {
        if (option != null) {
            if (option.toString().isBlank()) throw new TatraException("--home is empty; give a folder (or leave it out for $" + ENV + " or ~/.tatra)");
            return option.toAbsolutePath().normalize();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
        return Path.of(System.getProperty("user.home"), ".tatra");
    }
}
