package io.watchfloor.core.ring;

/**
 * Copies a frame's bytes from a listener's buffer type into a slot's raw buffer; listeners hold one
 * {@code static final} instance so publishing captures nothing.
 *
 * @param <T> the buffer type (e.g. a Netty {@code ByteBuf})
 */
@FunctionalInterface
public interface RawCopier<T> {
    /** Copies {@code length} bytes from {@code src} (without moving its read position) into {@code dst[0..length)}. */
    void copy(T src, byte[] dst, int length);

    /** Copies from a {@code byte[]} starting at index 0. */
    RawCopier<byte[]> BYTES = (src, dst, length) -> System.arraycopy(src, 0, dst, 0, length);
}
