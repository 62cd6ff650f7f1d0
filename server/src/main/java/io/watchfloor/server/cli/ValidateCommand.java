package io.watchfloor.server.cli;

import io.watchfloor.server.wiring.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

import java.util.concurrent.Callable;

/** {@code watchfloor validate}: checks configuration, inventory and rules without opening sockets. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration, inventory and rules without opening sockets. Exit 0 when valid, 78 when not.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Validation v = Validation.run(config.resolve());
        v.errors().forEach(e -> err.println("error: " + e));
        v.ruleRejections().forEach(r -> err.println("error: " + r));
        if (!v.ok()) {
            err.println("invalid: " + v.errors().size() + " configuration error(s), "
                    + v.ruleRejections().size() + " rejected rule(s)");
            err.flush();
            return Main.EXIT_CONFIG;
        }
        out.println("valid: " + v.config().file() + ", " + v.inventory().size() + " source(s), "
                + v.rules().rules().size() + " rule(s)");
        out.flush();
        return 0;
    }
}
