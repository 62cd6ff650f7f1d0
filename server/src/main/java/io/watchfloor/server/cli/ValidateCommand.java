package io.watchfloor.server.cli;

import io.watchfloor.server.wiring.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code watchfloor validate}: checks configuration, inventory and rules without opening sockets. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration, inventory and rules without opening sockets. Exit 0 when valid, 78 when not.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        final Validation v = Validation.run(config.resolve());
        v.errors().forEach(e -> System.err.println("error: " + e));
        v.ruleRejections().forEach(r -> System.err.println("error: " + r));
        if (!v.ok()) {
            System.err.println("invalid: " + v.errors().size() + " configuration error(s), "
                    + v.ruleRejections().size() + " rejected rule(s)");
            return Main.EXIT_CONFIG;
        }
        System.out.println("valid: " + v.config().file() + ", " + v.inventory().size() + " source(s), "
                + v.rules().rules().size() + " rule(s)");
        return 0;
    }
}
