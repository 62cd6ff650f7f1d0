package io.watchfloor.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AckedRangesTest {
    @TempDir
    Path tmp;

    @Test
    void shouldMergeTouchingAndOverlappingRangesAndCountEachNumberOnce() {
        final AckedRanges a = new AckedRanges();
        a.add(10, 19);
        a.add(30, 39);
        a.add(20, 29);
        a.add(0, 4);
        a.add(2, 12);
        a.add(35, 36);
        assertThat(a.ranges()).containsExactly(new long[] {0, 39});
        assertThat(a.count()).isEqualTo(40);
        a.add(50, 50);
        assertThat(a.ranges()).containsExactly(new long[] {0, 39}, new long[] {50, 50});
        assertThat(a.count()).isEqualTo(41);
    }

    @Test
    void shouldCollectFromManyThreadsWithoutLosingARange() throws Exception {
        final AckedRanges a = new AckedRanges();
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            final int worker = w;
            pool.submit(() -> {
                for (long b = worker; b < 1000; b += 4) {
                    a.add(b * 10, b * 10 + 9);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(a.ranges()).containsExactly(new long[] {0, 9999});
        assertThat(a.count()).isEqualTo(10_000);
    }

    @Test
    void shouldWriteOneFirstLastLinePerRangeForSeqcheck() throws Exception {
        final AckedRanges a = new AckedRanges();
        a.add(7, 9);
        a.add(0, 3);
        final Path file = tmp.resolve("acked.txt");
        a.write(file);
        final List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("#");
        assertThat(lines.subList(1, lines.size())).containsExactly("0 3", "7 9");
    }
}
