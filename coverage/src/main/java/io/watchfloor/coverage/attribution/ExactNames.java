package io.watchfloor.coverage.attribution;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The exact names (host names or app names without {@code *} or {@code ?}) of the inventory, each mapped to the
 * first source declaring it, in an open-addressing table over bytes: a lookup hashes and compares the event's bytes
 * in place, ignoring ASCII case exactly as {@link GlobMatcher} does, and allocates nothing.
 *
 * <p>Immutable once built (the builder methods run before the attributor is shared), so thread-safe to read. About
 * 12 bytes of table plus the name's bytes per distinct name.
 */
final class ExactNames {
    private static final float LOAD_FACTOR = 0.5f;

    private byte[] arena = new byte[256];
    private int arenaUsed;
    private int[] offsets;
    private int[] lengths;
    private int[] indexes;
    private int size;
    private int mask;

    ExactNames(int expectedNames) {
        int capacity = Integer.highestOneBit(Math.max(4, (int) (expectedNames / LOAD_FACTOR)) - 1) << 1;
        offsets = new int[capacity];
        lengths = new int[capacity];
        indexes = new int[capacity];
        Arrays.fill(indexes, -1);
        mask = capacity - 1;
    }

    /** @return true when {@code glob} has no wildcard, so it matches one name only */
    static boolean isExact(String glob) {
        return glob.indexOf('*') < 0 && glob.indexOf('?') < 0;
    }

    /** Maps {@code name} to source {@code index} unless an earlier source declared it; call in index order. */
    void add(String name, int index) {
        final byte[] key = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        if (find(key, 0, key.length) >= 0) {
            return;
        }
        if ((size + 1) > LOAD_FACTOR * indexes.length) {
            rehash(indexes.length * 2);
        }
        if (arenaUsed + key.length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + key.length));
        }
        System.arraycopy(key, 0, arena, arenaUsed, key.length);
        insert(arenaUsed, key.length, index);
        arenaUsed += key.length;
        size++;
    }

    private void insert(int offset, int length, int index) {
        int slot = hash(arena, offset, length) & mask;
        while (indexes[slot] >= 0) {
            slot = (slot + 1) & mask;
        }
        offsets[slot] = offset;
        lengths[slot] = length;
        indexes[slot] = index;
    }

    private void rehash(int capacity) {
        final int[] oldOffsets = offsets;
        final int[] oldLengths = lengths;
        final int[] oldIndexes = indexes;
        offsets = new int[capacity];
        lengths = new int[capacity];
        indexes = new int[capacity];
        Arrays.fill(indexes, -1);
        mask = capacity - 1;
        for (int k = 0; k < oldIndexes.length; k++) {
            if (oldIndexes[k] >= 0) {
                insert(oldOffsets[k], oldLengths[k], oldIndexes[k]);
            }
        }
    }

    /** @return true when no name is mapped */
    boolean isEmpty() {
        return size == 0;
    }

    /** @return the first source declaring the name {@code bytes[off, off+len)} (ASCII case ignored), or -1 */
    int find(byte[] bytes, int off, int len) {
        if (size == 0) {
            return -1;
        }
        int slot = hash(bytes, off, len) & mask;
        int index;
        while ((index = indexes[slot]) >= 0) {
            if (lengths[slot] == len && equalsLowered(arena, offsets[slot], bytes, off, len)) {
                return index;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** @return the first source declaring {@code name}, or -1; allocates (JSON events, host-less syslog) */
    int find(String name) {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return find(bytes, 0, bytes.length);
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0x811c9dc5;
        for (int k = off, end = off + len; k < end; k++) {
            h = (h ^ lower(b[k])) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsLowered(byte[] key, int keyOff, byte[] b, int off, int len) {
        for (int k = 0; k < len; k++) {
            if (key[keyOff + k] != lower(b[off + k])) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
