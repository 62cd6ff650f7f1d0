package io.watchfloor.server.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --config} option shared by the subcommands. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/watchfloor.yaml of the installation).")
    Path config;

    /** @return the file given, else {@code config/watchfloor.yaml} in the working directory or the installation */
    Path resolve() {
        if (config != null) {
            return config;
        }
        final Path local = Path.of("config", "watchfloor.yaml");
        if (Files.isRegularFile(local)) {
            return local;
        }
        final String home = System.getenv("WATCHFLOOR_HOME");
        return home == null ? local : Path.of(home, "config", "watchfloor.yaml");
    }
}
