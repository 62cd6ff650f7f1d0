package io.watchfloor.detect.mapping;

import io.watchfloor.detect.extract.MessageExtractor;
import io.watchfloor.detect.extract.MessageField;
import io.watchfloor.detect.rule.LogSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A field mapping resolved for one event log source: for each field id of a view, the paths to try in order and how
 * to read each, plus the message extractors to run. Built once per log source by {@link MappingSelector}, then
 * read-only; per event the view only indexes into it.
 */
public final class ResolvedFields {
    /** Kind of a path that is read as an event field ({@code EcsFields}). */
    public static final int EVENT = -1;
    /** Kind of a path ending in {@code .*} (kept with its trailing dot): every value under that JSON object. */
    public static final int SUBTREE = -2;
    /**
     * Kind of a mapped {@code source.ip}: read only when the event carries it (a JSON key, or an extractor's field,
     * which is another kind), never the sender's address that {@code EcsFields} falls back to: that is the log
     * forwarder's ({@code log.source.address}), not the source of what the event describes.
     */
    public static final int CARRIED = -3;

    private static final int[] EVENT_ONLY = {EVENT};

    private final LogSource logSource;
    private final List<MappingEntry> entries;
    private final MessageExtractor[] extractors;
    private final boolean[] extracted = new boolean[MessageField.count()];
    private final String[][] paths;
    private final int[][] kinds;

    /** Paths and kinds for one name; kinds are {@link #EVENT}, {@link #SUBTREE} or a {@link MessageField} ordinal. */
    public record Candidates(String[] paths, int[] kinds) {
    }

    /**
     * @param entries the entries that apply, in precedence order
     * @param own per view id, the one-element array holding the name itself, shared across resolutions
     */
    ResolvedFields(LogSource logSource, List<MappingEntry> entries, MessageExtractor[] extractors, String[][] own) {
        this.logSource = logSource;
        this.entries = List.copyOf(entries);
        this.extractors = extractors;
        for (MessageExtractor x : extractors) {
            for (MessageField f : x.fields()) {
                extracted[f.ordinal()] = true;
            }
        }
        paths = new String[own.length][];
        kinds = new int[own.length][];
        for (int id = 0; id < own.length; id++) {
            final Candidates c = candidates(own[id][0]);
            if (c.paths.length == 1 && c.kinds[0] == EVENT) {
                paths[id] = own[id];
                kinds[id] = EVENT_ONLY;
            } else {
                paths[id] = c.paths;
                kinds[id] = c.kinds;
            }
        }
    }

    /** @return the event log source this resolution is for (components may be unset) */
    public LogSource logSource() {
        return logSource;
    }

    /** @return the extractors events of this log source run, in precedence order; do not modify */
    public MessageExtractor[] extractors() {
        return extractors;
    }

    /** @return the paths to try for field {@code id}, in order; do not modify */
    public String[] paths(int id) {
        return paths[id];
    }

    /** @return how to read each of {@link #paths(int)}; do not modify */
    public int[] kinds(int id) {
        return kinds[id];
    }

    /** @return the paths and kinds for any field name (allocates: for rare paths such as correlation group-by) */
    public Candidates candidates(String name) {
        final List<String> ps = new ArrayList<>(4);
        final List<Integer> ks = new ArrayList<>(4);
        add(name, ps, ks, false);
        for (MappingEntry e : entries) {
            for (String p : e.fields().getOrDefault(name, List.of())) {
                add(p, ps, ks, true);
            }
            for (String prefix : e.prefixes()) {
                add(prefix + name, ps, ks, true);
            }
        }
        final int[] k = new int[ks.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = ks.get(i);
        }
        return new Candidates(ps.toArray(new String[0]), k);
    }

    /** @param mapped false for the rule's own field name, which keeps the event's own reading */
    private void add(String path, List<String> ps, List<Integer> ks, boolean mapped) {
        final String p = path.endsWith(".*") ? path.substring(0, path.length() - 1) : path;
        if (ps.contains(p)) {
            return;
        }
        ps.add(p);
        if (path.endsWith(".*")) {
            ks.add(SUBTREE);
            return;
        }
        final MessageField f = MessageField.ofPath(p);
        if (f != null && extracted[f.ordinal()]) {
            ks.add(f.ordinal());
        } else {
            ks.add(mapped && f == MessageField.SOURCE_IP ? CARRIED : EVENT);
        }
    }
}
