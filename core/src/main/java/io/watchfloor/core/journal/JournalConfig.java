package io.watchfloor.core.journal;

import java.nio.file.Path;

/**
 * Where the journals live, how long they are kept and when an appended event counts as durable.
 *
 * @param dir the journal directory; each journal is a sub-directory ({@code events}, {@code coverage}, …)
 * @param retentionDays daily cycle files older than this many days are deleted
 * @param durability when the event journal acknowledges an append (see {@link JournalDurability})
 */
public record JournalConfig(Path dir, int retentionDays, JournalDurability durability) {
    /** Keep a month of daily files unless configured otherwise. */
    public static final int RETENTION_DAYS_DEFAULT = 30;

    public JournalConfig {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays: " + retentionDays + " (expected: >= 1)");
        }
        if (durability == null) {
            throw new IllegalArgumentException("durability: null (expected: process or fsync)");
        }
    }

    /** A configuration with {@link JournalDurability#DEFAULT} durability. */
    public JournalConfig(Path dir, int retentionDays) {
        this(dir, retentionDays, JournalDurability.DEFAULT);
    }
}
