package io.watchfloor.core.journal;

import java.nio.file.Path;

/**
 * Where the journals live and how long they are kept.
 *
 * @param dir the journal directory; each journal is a sub-directory ({@code events}, {@code coverage}, …)
 * @param retentionDays daily cycle files older than this many days are deleted
 */
public record JournalConfig(Path dir, int retentionDays) {
    /** Keep a month of daily files unless configured otherwise. */
    public static final int RETENTION_DAYS_DEFAULT = 30;

    public JournalConfig {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays: " + retentionDays + " (expected: >= 1)");
        }
    }
}
