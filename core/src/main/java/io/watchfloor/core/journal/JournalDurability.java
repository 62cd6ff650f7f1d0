package io.watchfloor.core.journal;

import java.util.Locale;

/**
 * When an event counts as durable, and so when an acknowledging listener (HTTP) may answer: the
 * {@code journal.durability} setting.
 */
public enum JournalDurability {
    /**
     * Acknowledged after the append to the memory-mapped journal file: the page cache holds the record, so it
     * survives a crash of the process (kill -9, OOM kill) but not of the machine (power loss, kernel panic). No
     * sync on the append path; the kernel writes the pages back on its own schedule.
     */
    PROCESS,
    /**
     * Acknowledged only after the journal file is synced to disk: survives power loss. The journal stage syncs once
     * per batch it takes from the ring (group commit), so the cost is one {@code fdatasync} per batch, not per
     * event; the acknowledgements of the batch wait for it.
     */
    FSYNC;

    /** Durability unless configured otherwise. */
    public static final JournalDurability DEFAULT = PROCESS;

    /** @return the YAML name: {@code process} or {@code fsync} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the constant named {@code id} (as {@link #id()} writes it), or null when there is none */
    public static JournalDurability ofId(String id) {
        for (JournalDurability d : values()) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        return null;
    }
}
