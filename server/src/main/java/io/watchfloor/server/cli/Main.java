package io.watchfloor.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar; stays thin: each subcommand loads config and calls the wiring. */
@Command(name = "watchfloor", mixinStandardHelpOptions = true, version = "watchfloor 0.1.0",
        description = "Log ingestion, Sigma detection and telemetry coverage monitoring.",
        subcommands = {ServeCommand.class, ValidateCommand.class, ParseCommand.class, RulesCommand.class,
                JournalCommand.class, CoverageCommand.class, ReplayCommand.class, InventoryCommand.class})
public final class Main implements Runnable {
    /** sysexits.h EX_CONFIG: the configuration is invalid. */
    public static final int EXIT_CONFIG = 78;

    static {
        // Chronicle reads these once, when its first class loads: set them before anything touches it
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        System.setProperty("chronicle.disk.monitor.disable", "true");
        // Chronicle checks on every byte written that a mapped buffer stays on one thread, a debugging aid: each of
        // our appenders has one writer or a lock. Writing an alert's JSON char by char spent ~15 % of the detect
        // thread's samples in that check; off, the server used ~5 % less CPU per message under TCP load.
        System.setProperty("disable.single.threaded.check", "true");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        final int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || !(args.length > 0 && args[0].equals("serve"))) {
            System.exit(code);
        }
    }
}
