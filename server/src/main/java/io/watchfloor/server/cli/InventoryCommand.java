package io.watchfloor.server.cli;

import io.watchfloor.coverage.inventory.InventoryCsvImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watchfloor inventory import}: inventory work offline; the logic lives in {@code coverage.inventory}. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Work on the inventory offline.",
        subcommands = {InventoryCommand.Import.class})
final class InventoryCommand implements Runnable {
    /** sysexits.h EX_DATAERR: the input has errors. */
    static final int EXIT_DATA_ERROR = 65;
    /** sysexits.h EX_NOINPUT: the input cannot be read. */
    static final int EXIT_NO_INPUT = 66;
    /** sysexits.h EX_CANTCREAT: the output cannot be written. */
    static final int EXIT_CANT_CREATE = 73;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code watchfloor inventory import --csv FILE [--out FILE]}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Turn a CSV inventory (a header row naming the columns, one source per row) into "
                    + "inventory YAML, validated like the loader validates it. Columns: "
                    + InventoryCsvImport.COLUMN_LIST + "; several values in one cell separated by "
                    + InventoryCsvImport.VALUE_SEPARATOR + ".",
                    "Exit 0 when every row is valid, 65 naming the row and column of each error, 66 when the CSV "
                            + "cannot be read."})
    static final class Import implements Callable<Integer> {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file (UTF-8).")
        Path csv;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the YAML (default: stdout).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter stdout = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            if (!Files.isReadable(csv)) {
                err.println("error: " + csv + ": cannot read the file (expected: a readable UTF-8 CSV file)");
                err.flush();
                return EXIT_NO_INPUT;
            }
            final InventoryCsvImport.Result r = InventoryCsvImport.convert(csv);
            if (!r.ok()) {
                r.errors().forEach(e -> err.println("error: " + e));
                err.println("invalid: " + r.errors().size() + " error(s); nothing written");
                err.flush();
                return EXIT_DATA_ERROR;
            }
            if (out == null) {
                stdout.print(r.yaml());
                stdout.flush();
                return 0;
            }
            try {
                Files.writeString(out, r.yaml(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: " + out + ": cannot write the file: " + e.getMessage());
                err.flush();
                return EXIT_CANT_CREATE;
            }
            err.println("imported: " + r.sources() + " source(s) from " + csv + " into " + out);
            err.flush();
            return 0;
        }
    }
}
