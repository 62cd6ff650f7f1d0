package io.watchfloor.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code watchfloor coverage}: offline coverage tools; {@code replay} backtests an inventory on recorded traffic. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "Offline coverage tools.",
        subcommands = {CoverageReplayCommand.class})
final class CoverageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
