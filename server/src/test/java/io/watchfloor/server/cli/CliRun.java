package io.watchfloor.server.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs a {@code watchfloor} command in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String stdin, String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final InputStream previous = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            final int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(previous);
        }
    }
}
