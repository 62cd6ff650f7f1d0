package io.watchfloor.detect.sink;

import io.watchfloor.detect.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLogTest {
    private static final long T0 = 1_714_564_800_000L;

    private static Alert alert(int i) {
        return new Alert(T0 + i * 1000L, T0 + i * 1000L, "r" + i, "Rule " + i, "low", null, null, List.of("t"),
                "h.example.com", null, i, "m" + i, List.of());
    }

    private static List<Object> ids(List<Map<String, Object>> docs) {
        return docs.stream().map(d -> d.get("rule.id")).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void shouldAnswerNewestFirstWithLimitAndSince(@TempDir Path data) throws IOException {
        try (AlertLog log = AlertLog.open(data)) {
            for (int i = 0; i < 5; i++) {
                log.accept(alert(i));
            }
            assertThat(ids(log.recent(3, null))).containsExactly("r4", "r3", "r2");
            assertThat(ids(log.recent(100, T0 + 3000))).containsExactly("r4", "r3");
            assertThat(log.recent(0, null)).isEmpty();
            assertThat(log.appended()).isEqualTo(5);
        }
    }

    @Test
    void shouldReloadFromJournalAfterReopen(@TempDir Path data) throws IOException {
        try (AlertLog log = AlertLog.open(data)) {
            for (int i = 0; i < 4; i++) {
                log.accept(alert(i));
            }
        }
        try (AlertLog log = AlertLog.open(data, 3)) {
            assertThat(ids(log.recent(10, null))).containsExactly("r3", "r2", "r1");
            final Map<String, Object> newest = log.recent(1, null).get(0);
            assertThat(newest).containsEntry("@timestamp", "2024-05-01T12:00:03.000Z")
                    .containsEntry("event.kind", "alert").containsEntry("message", "m3");
            log.accept(alert(9));
            assertThat(ids(log.recent(10, null))).containsExactly("r9", "r3", "r2");
        }
    }

    @Test
    void shouldAppendOneJsonObjectPerLine(@TempDir Path data) throws IOException {
        try (AlertLog log = AlertLog.open(data)) {
            log.accept(alert(1));
            log.accept(Alert.coverage(Alert.GAP_CLOSED, "fw-1", "fw-1.example.com", T0, T0, "fw-1 reporting again", "low"));
            final List<String> lines = Files.readAllLines(data.resolve(AlertLog.JSONL_FILE));
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("{\"@timestamp\":\"2024-05-01T12:00:01.000Z\",\"event.kind\":\"alert\"");
            assertThat(lines.get(1)).contains("\"rule.id\":\"coverage.gap.closed\"");
        }
        assertThat(data.resolve(AlertLog.JOURNAL_DIR)).isDirectory();
    }

    @Test
    void shouldAcceptAlertsFromSeveralThreads(@TempDir Path data) throws Exception {
        try (AlertLog log = AlertLog.open(data)) {
            final Thread[] threads = new Thread[3];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        log.accept(alert(i));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertThat(log.appended()).isEqualTo(300);
            assertThat(Files.readAllLines(data.resolve(AlertLog.JSONL_FILE))).hasSize(300);
        }
    }
}
