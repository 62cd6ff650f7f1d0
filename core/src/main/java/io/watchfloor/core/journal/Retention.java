package io.watchfloor.core.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Deletes daily cycle files ({@code yyyyMMddF.cq4}, Chronicle's FAST_DAILY names) older than the retention. */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final DateTimeFormatter CYCLE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Retention() {
    }

    /** @return how many cycle files were deleted */
    static int apply(Path dir, int retentionDays, long nowMs) {
        final LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(nowMs, 86_400_000L));
        final LocalDate oldestKept = today.minusDays(retentionDays - 1L);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*F.cq4")) {
            for (Path f : files) {
                final String name = f.getFileName().toString();
                try {
                    final LocalDate day = LocalDate.parse(name.substring(0, 8), CYCLE);
                    if (day.isBefore(oldestKept)) {
                        Files.deleteIfExists(f);
                        deleted++;
                        LOG.info("Journal cycle past retention deleted. file={} retentionDays={}", f, retentionDays);
                    }
                } catch (DateTimeParseException | StringIndexOutOfBoundsException notACycleFile) {
                    // a file of another roll cycle or a foreign file: leave it alone
                }
            }
        } catch (IOException e) {
            LOG.warn("Journal retention could not list files. dir={} error={}", dir, e.toString());
        }
        return deleted;
    }
}
