package io.watchfloor.core.journal;

import java.nio.file.Path;

/**
 * An unfinished record at the end of the event journal: what a crash in the middle of an append leaves. Chronicle
 * marks a record complete only when its length header is written, so readers never see it; its bytes still lie
 * after the last complete record.
 *
 * @param file the cycle file it is in
 * @param position where its header is (the first byte after the last complete record, 4-aligned)
 * @param bytes from its header to its last non-zero byte: how much of it was written
 */
public record TornTail(Path file, long position, long bytes) {
}
