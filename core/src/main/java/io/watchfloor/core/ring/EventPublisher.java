package io.watchfloor.core.ring;

import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;

import java.net.InetAddress;

/**
 * Publishes ingested frames into the ring. Thread-safe: every listener thread publishes concurrently.
 *
 * <p>Publishing never blocks: a full ring is an outcome, not a wait. Each listener decides what a full
 * ring means for it (see {@link FullRingPolicy}).
 */
public interface EventPublisher {
    /**
     * Claims one slot, copies the frame into it and publishes it.
     *
     * @param listener the listener the frame arrived on
     * @param peer the sender's address, or null
     * @param receivedAtMs the receive time from the injected clock
     * @param truncated true when the frame was cut at the listener's maximum frame size
     * @param callback told after the journal append, or null
     * @param src the frame's bytes
     * @param length how many bytes of {@code src} form the frame
     * @param copier copies {@code src} into the slot
     * @return false iff the ring is full; nothing was published then
     */
    <T> boolean tryPublish(Listener listener, InetAddress peer, long receivedAtMs, boolean truncated,
                           JournalCallback callback, T src, int length, RawCopier<? super T> copier);

    /**
     * Like {@link #tryPublish}, but also reports the ring full while {@code reserveSlots} or fewer slots are free,
     * leaving those to listeners that cannot push back (UDP): a sender that can wait must not starve one that
     * cannot.
     *
     * @return false iff fewer than {@code reserveSlots + 1} slots were free; nothing was published then
     */
    default <T> boolean tryPublishLeaving(int reserveSlots, Listener listener, InetAddress peer, long receivedAtMs,
                                          boolean truncated, JournalCallback callback, T src, int length,
                                          RawCopier<? super T> copier) {
        return remainingCapacity() > reserveSlots
                && tryPublish(listener, peer, receivedAtMs, truncated, callback, src, length, copier);
    }

    /**
     * Claims {@code count} consecutive slots all-or-nothing, fills them in order and publishes them.
     *
     * @return false iff the ring has fewer than {@code count} free slots; nothing was published then
     */
    boolean tryPublishBatch(int count, BatchFiller filler);

    /**
     * Like {@link #tryPublishBatch}, but also reports the ring full unless more than {@code reserveSlots} slots stay
     * free after the batch (see {@link #tryPublishLeaving}).
     *
     * @return false iff fewer than {@code reserveSlots + count} slots were free; nothing was published then
     */
    default boolean tryPublishBatchLeaving(int reserveSlots, int count, BatchFiller filler) {
        return remainingCapacity() >= (long) reserveSlots + count && tryPublishBatch(count, filler);
    }

    /** @return free slots right now (a hint: other publishers may take them) */
    long remainingCapacity();

    /** @return total slots in the ring */
    int capacity();
}
