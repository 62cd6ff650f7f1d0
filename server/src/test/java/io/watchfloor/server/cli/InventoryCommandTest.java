package io.watchfloor.server.cli;

import io.watchfloor.coverage.inventory.InventoryLoadResult;
import io.watchfloor.coverage.inventory.InventoryLoader;
import io.watchfloor.coverage.inventory.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shouldWriteYamlThatTheLoaderAcceptsToAFileOrStdout() throws Exception {
        final Path csv = tmp.resolve("sources.csv");
        Files.writeString(csv, """
                id,name,category,hosts,apps,max_silence,tags,lifecycle
                fw-01,Firewall,network,fw-01*,,5m,dmz,
                auth,Linux auth,identity,,sshd;sudo,1h,,onboarding
                """);
        final Path out = tmp.resolve("inventory.yaml");

        final CliRun run = CliRun.of("", "inventory", "import", "--csv", csv.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("imported: 2 source(s)");
        final InventoryLoadResult loaded = InventoryLoader.load(out);
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.inventory().sources()).extracting(Source::id).containsExactly("fw-01", "auth");
        assertThat(loaded.inventory().byId("auth").match().apps()).containsExactly("sshd", "sudo");

        final CliRun toStdout = CliRun.of("", "inventory", "import", "--csv", csv.toString());
        assertThat(toStdout.exitCode()).isZero();
        assertThat(toStdout.out()).isEqualTo(Files.readString(out));
    }

    @Test
    void shouldExit65NamingRowAndColumnAndWriteNothing() throws Exception {
        final Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "id,name,category,peers\nfw,Firewall,network,192.0.2.300\n");
        final Path out = tmp.resolve("inventory.yaml");

        final CliRun run = CliRun.of("", "inventory", "import", "--csv", csv.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(InventoryCommand.EXIT_DATA_ERROR);
        assertThat(run.err()).contains("error: " + csv + ": row 2, column peers: found \"192.0.2.300\"")
                .contains("invalid: 1 error(s); nothing written");
        assertThat(out).doesNotExist();
        assertThat(CliRun.of("", "inventory", "import", "--csv", tmp.resolve("none.csv").toString()).exitCode())
                .isEqualTo(InventoryCommand.EXIT_NO_INPUT);
    }
}
