package io.watchfloor.core.event;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reusable slot of the ring: the raw bytes and receive metadata of an ingested event, the fields
 * the parse stage extracts from them, the inventory source it is attributed to and its journal index.
 *
 * <p>Slots are created once and reused; a publisher calls {@link #resetForData} or {@link #resetForTick}
 * before filling one. Each field has one writing stage (receive metadata: the publisher; fields: parse;
 * journal index: journal), and later stages read after the ring's sequence barrier, so there are no locks.
 */
public final class Event {
    /** What a slot carries. */
    public enum Kind {
        /** An ingested event. */
        DATA,
        /** A clock tick: coverage time advances to {@link #receivedAtMs()}. */
        TICK
    }

    /** Initial raw buffer size; it grows up to the largest frame seen and is then reused. */
    public static final int INITIAL_RAW_CAPACITY = 1024;

    private Kind kind = Kind.DATA;
    private long receivedAtMs;
    private Listener listener = Listener.SYSLOG_TCP;
    private InetAddress peer;
    private byte[] raw = new byte[INITIAL_RAW_CAPACITY];
    private int rawLength;
    private boolean truncated;
    private JournalCallback journalCallback;
    private boolean replay;

    private final SyslogFields syslog = new SyslogFields();
    /** The slot's own field map, allocated with the slot (in the same heap region): the default and reset target. */
    private final Map<String, Object> ownJson = new LinkedHashMap<>(32, 0.75f);
    /** The current event's field map: {@link #ownJson} or a young one from {@link #newJson}. */
    private Map<String, Object> json = ownJson;
    private boolean jsonEvent;
    private String rejectReason;

    private int sourceIndex = -1;
    private String sourceId;
    private long journalIndex = -1;

    /**
     * Prepares the slot for an ingested event; the caller then copies the bytes with {@link #rawBuffer(int)}.
     *
     * @param callback told after the journal append, or null when the listener does not acknowledge
     */
    public void resetForData(Listener listener, InetAddress peer, long receivedAtMs, boolean truncated,
                             JournalCallback callback) {
        // Reference fields are stored only when they change: a slot lives in the old generation, and G1 dirties and
        // later re-scans a card for every non-null reference store into it. Storing the same kind, listener and peer
        // again cost about 0.5 us of refinement CPU per event under TCP load on 2 cores.
        if (this.kind != Kind.DATA) {
            this.kind = Kind.DATA;
        }
        if (this.listener != listener) {
            this.listener = listener;
        }
        if (this.peer != peer) {
            this.peer = peer;
        }
        this.receivedAtMs = receivedAtMs;
        this.truncated = truncated;
        this.journalCallback = callback;
        this.replay = false;
        this.rawLength = 0;
        clearDerived();
    }

    /** Prepares the slot as a TICK at {@code nowMs}. */
    public void resetForTick(long nowMs) {
        this.kind = Kind.TICK;
        this.receivedAtMs = nowMs;
        this.peer = null;
        this.journalCallback = null;
        this.replay = false;
        this.rawLength = 0;
        this.truncated = false;
        clearDerived();
    }

    private void clearDerived() {
        syslog.reset();
        dropJson();
        jsonEvent = false;
        rejectReason = null;
        // sourceId is left in place (see attribute): sourceIndex -1 alone marks the event unmanaged
        sourceIndex = -1;
        journalIndex = -1;
    }

    /**
     * Drops this event's references to per-event objects (the JSON fields, the journal callback and through it the
     * request body) once the last stage is done with it. A slot lives in the old generation until the ring wraps,
     * so without this every JSON field of the last ring-size events survived young collections and was copied and
     * promoted (HTTP ingest spent about half its CPU in G1). The receive metadata, raw bytes and syslog fields stay.
     */
    public void release() {
        dropJson();
        journalCallback = null;
    }

    private void dropJson() {
        if (json != ownJson) {
            json = ownJson;
        } else if (jsonEvent) {
            ownJson.clear();
        }
    }

    /**
     * Gives this event a new, empty field map for the parse stage to fill. Young-generation maps take JSON fields
     * more cheaply than the slot's own old-generation one: every entry stored into an old table costs G1 a card to
     * refine (about 0.3 us per NDJSON event under load), a young table costs nothing and dies after
     * {@link #release}.
     *
     * @return the map now returned by {@link #json()}
     */
    public Map<String, Object> newJson() {
        json = new LinkedHashMap<>(16, 0.75f);
        return json;
    }

    /**
     * Returns the raw buffer sized for {@code length} bytes and sets {@link #rawLength()}; the caller writes
     * the bytes into {@code [0, length)}.
     */
    public byte[] rawBuffer(int length) {
        if (raw.length < length) {
            raw = new byte[Math.max(length, raw.length * 2)];
        }
        rawLength = length;
        return raw;
    }

    /** Copies {@code length} bytes into the slot's raw buffer. */
    public void raw(byte[] src, int offset, int length) {
        System.arraycopy(src, offset, rawBuffer(length), 0, length);
    }

    /** Marks this slot as read back from the journal on start-up: stages rebuild state but raise no alerts. */
    public void replay(boolean replay) { this.replay = replay; }
    public boolean replay() { return replay; }

    public Kind kind() { return kind; }
    public boolean isTick() { return kind == Kind.TICK; }
    public long receivedAtMs() { return receivedAtMs; }
    public Listener listener() { return listener; }
    /** @return the sender's address, or null when unknown */
    public InetAddress peer() { return peer; }
    /** @return the slot's raw buffer; only {@code [0, rawLength())} is this event's */
    public byte[] raw() { return raw; }
    public int rawLength() { return rawLength; }
    /** @return true when the frame was longer than the listener's maximum and was cut */
    public boolean truncated() { return truncated; }
    public JournalCallback journalCallback() { return journalCallback; }

    /** @return the syslog fields (empty for JSON events) */
    public SyslogFields syslog() { return syslog; }

    /**
     * The fields of a JSON event, flattened to dotted paths ({@code {"a":{"b":1}}} → {@code a.b}); values are
     * String, Long, Double, Boolean, null or a List of those. Written by the parse stage.
     */
    public Map<String, Object> json() { return json; }
    public boolean isJson() { return jsonEvent; }
    public void markJson() { jsonEvent = true; }

    /** @return why the parse stage could not read this event (it is still journaled), or null */
    public String parseErrorReason() { return rejectReason; }
    public void parseErrorReason(String reason) { this.rejectReason = reason; }
    /** @return true when the bytes parsed as neither syslog nor JSON */
    public boolean parseError() { return rejectReason != null || syslog.parseError(); }

    /** @return index of the attributed inventory source, or -1 when unmanaged */
    public int sourceIndex() { return sourceIndex; }
    /** @return id of the attributed inventory source, or null when unmanaged */
    public String sourceId() { return sourceIndex < 0 ? null : sourceId; }
    public void attribute(int sourceIndex, String sourceId) {
        this.sourceIndex = sourceIndex;
        // stored only when it changes, as in resetForData; the id strings belong to the inventory and live as long
        if (this.sourceId != sourceId) {
            this.sourceId = sourceId;
        }
    }

    /** @return Chronicle index of this event in the journal, or -1 before the journal stage */
    public long journalIndex() { return journalIndex; }
    public void journalIndex(long index) { this.journalIndex = index; }
}
