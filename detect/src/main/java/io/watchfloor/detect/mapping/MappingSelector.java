package io.watchfloor.detect.mapping;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import io.watchfloor.detect.extract.MessageExtractor;
import io.watchfloor.detect.rule.LogSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the {@link ResolvedFields} for an event from its log source, computed once per (declared log source, app)
 * pair and cached, so the per-event cost is a reference compare or map lookup plus an app-name byte compare.
 *
 * <p>The event's log source E is the one its inventory source declares (for a JSON event without one: its own
 * {@code logsource.product|service|category} fields, as {@code rules match} reads them); components it leaves unset
 * come from the syslog APP-NAME (JSON: {@code log.syslog.appname}, or a listed {@code process.name}), cut at
 * "(" or "[", when a mapping entry lists that app: {@code sshd} means {@code product: linux, service: sshd}. An app no entry lists
 * stands for a service no entry names. An entry applies when it does not contradict E and accepts the event's kind
 * ({@code format: json|syslog}); its extractor runs only when it names E (see {@link FieldMapping} for the order). Not thread-safe: one per field view.
 */
public final class MappingSelector {
    /** Distinct declared log sources cached; beyond this, events resolve as unmanaged and are counted. */
    public static final int MAX_LOG_SOURCES = 1024;
    /**
     * Distinct resolutions (effective log source, event kind) built; each holds paths for every field id, so beyond
     * this an event resolves as one of unknown log source and is counted.
     */
    public static final int MAX_RESOLUTIONS = 256;

    private static final int APP_NONE = 0;
    private static final int APP_OTHER = 1;
    private static final String UNLISTED_APP = "\u0000unlisted-app";

    private final FieldMapping mapping;
    private final String[][] own;
    private final byte[][] apps;
    private final Map<LogSource, ResolvedFields[]> rows = new HashMap<>();
    /** Resolutions by effective log source, syslog events' then JSON events' (pairs with equal E share one). */
    private final List<Map<LogSource, ResolvedFields>> resolutions = List.of(new HashMap<>(), new HashMap<>());
    private final ResolvedFields[] unmanaged;
    private final int jsonSlots;
    private LogSource lastDeclared;
    private ResolvedFields[] lastRow;
    /** The resolution for an unknown log source, per kind, used once {@link #MAX_RESOLUTIONS} is reached. */
    private final ResolvedFields[] fallback = new ResolvedFields[2];
    private long overflowed;

    /** @param names the field names of the view's ids, index = id */
    public MappingSelector(FieldMapping mapping, String[] names) {
        this.mapping = mapping;
        this.own = new String[names.length][];
        for (int i = 0; i < names.length; i++) {
            own[i] = new String[] {names[i]};
        }
        final String[] listed = mapping.apps();
        this.apps = new byte[listed.length][];
        for (int i = 0; i < listed.length; i++) {
            apps[i] = listed[i].getBytes(StandardCharsets.UTF_8);
        }
        this.jsonSlots = listed.length + 2;
        this.unmanaged = new ResolvedFields[2 * jsonSlots];
    }

    /**
     * @param declared the log source the event's inventory source declares, or null
     * @return the resolution for the event's log source
     */
    public ResolvedFields select(Event e, LogSource declared) {
        LogSource d = declared;
        if (d == null && e.isJson()) {
            d = jsonLogSource(e.json());
        }
        final ResolvedFields[] row = row(d);
        // a row holds the syslog resolutions by app, then the JSON ones
        final int slot = e.isJson() ? jsonSlots + jsonApp(e.json()) : syslogApp(e.syslog(), e.raw());
        final ResolvedFields r = row[slot];
        return r != null ? r : resolveSlowPath(row, d, slot);
    }

    /**
     * @return how often a cache was full: events whose declared log source found no room ({@link #MAX_LOG_SOURCES}),
     *     plus (log source, app) pairs resolved as unknown because {@link #MAX_RESOLUTIONS} was reached
     */
    public long overflowed() {
        return overflowed;
    }

    private ResolvedFields[] row(LogSource d) {
        if (d == null) {
            return unmanaged;
        }
        if (d == lastDeclared) {
            return lastRow;
        }
        ResolvedFields[] row = rows.get(d);
        if (row == null) {
            if (rows.size() >= MAX_LOG_SOURCES) {
                overflowed++;
                return unmanaged;
            }
            row = new ResolvedFields[unmanaged.length];
            rows.put(d, row);
        }
        lastDeclared = d;
        lastRow = row;
        return row;
    }

    private ResolvedFields resolveSlowPath(ResolvedFields[] row, LogSource declared, int slot) {
        final boolean json = slot >= jsonSlots;
        final LogSource effective = effective(row == unmanaged ? null : declared, json ? slot - jsonSlots : slot);
        final Map<LogSource, ResolvedFields> built = resolutions.get(json ? 1 : 0);
        ResolvedFields r = built.get(effective);
        if (r == null) {
            if (built.size() + resolutions.get(json ? 0 : 1).size() >= MAX_RESOLUTIONS) {
                overflowed++;
                r = fallback[json ? 1 : 0];
                if (r == null) {
                    r = resolve(LogSource.ANY, json);
                    fallback[json ? 1 : 0] = r;
                }
            } else {
                r = resolve(effective, json);
                built.put(effective, r);
            }
        }
        row[slot] = r;
        return r;
    }

    private ResolvedFields resolve(LogSource effective, boolean json) {
        final List<MappingEntry> naming = new ArrayList<>();
        final List<MappingEntry> compatible = new ArrayList<>();
        final List<MessageExtractor> extractors = new ArrayList<>();
        for (MappingEntry entry : mapping.entries()) {
            if (!entry.accepts(json)) {
                continue;
            }
            if (entry.names(effective)) {
                naming.add(entry);
                if (entry.extractor() != null && !extractors.contains(entry.extractor())) {
                    extractors.add(entry.extractor());
                }
            } else if (entry.compatible(effective)) {
                compatible.add(entry);
            }
        }
        naming.addAll(compatible);
        return new ResolvedFields(effective, naming, extractors.toArray(new MessageExtractor[0]), own);
    }

    /** The declared components, the rest filled from the app's log source. */
    private LogSource effective(LogSource declared, int app) {
        final LogSource d = declared == null ? LogSource.ANY : declared;
        if (app == APP_NONE) {
            return d;
        }
        final LogSource a = app == APP_OTHER ? new LogSource(null, UNLISTED_APP, null)
                : mapping.appLogSource(app - 2);
        return new LogSource(d.product() != null ? d.product() : a.product(),
                d.service() != null ? d.service() : a.service(),
                d.category() != null ? d.category() : a.category());
    }

    private static LogSource jsonLogSource(Map<String, Object> json) {
        final Object p = json.get("logsource.product");
        final Object s = json.get("logsource.service");
        final Object c = json.get("logsource.category");
        if (p == null && s == null && c == null) {
            return null;
        }
        return new LogSource(p == null ? null : String.valueOf(p), s == null ? null : String.valueOf(s),
                c == null ? null : String.valueOf(c));
    }

    private int syslogApp(SyslogFields s, byte[] raw) {
        final int off = s.appNameOffset();
        if (off < 0 || s.appNameLength() == 0) {
            return APP_NONE;
        }
        final int end = off + s.appNameLength();
        int cut = off;
        while (cut < end && raw[cut] != '(' && raw[cut] != '[') {
            cut++;
        }
        final int len = cut - off;
        for (int i = 0; i < apps.length; i++) {
            final byte[] a = apps[i];
            if (a.length == len && equalsIgnoreAsciiCase(a, raw, off)) {
                return i + 2;
            }
        }
        return APP_OTHER;
    }

    /**
     * A JSON event's app: {@code log.syslog.appname}, else {@code process.name} when an entry lists it (in ECS
     * process events {@code process.name} is the process described, not the program that logged, so an unlisted
     * one says nothing).
     */
    private int jsonApp(Map<String, Object> json) {
        final Object syslogApp = json.get("log.syslog.appname");
        if (syslogApp instanceof String && !((String) syslogApp).isEmpty()) {
            return appOf((String) syslogApp);
        }
        final Object process = json.get("process.name");
        if (process instanceof String && !((String) process).isEmpty()) {
            final int app = appOf((String) process);
            return app == APP_OTHER ? APP_NONE : app;
        }
        return APP_NONE;
    }

    private int appOf(String name) {
        int len = 0;
        while (len < name.length() && name.charAt(len) != '(' && name.charAt(len) != '[') {
            len++;
        }
        for (int i = 0; i < apps.length; i++) {
            final byte[] a = apps[i];
            if (a.length == len && equalsIgnoreAsciiCase(a, name)) {
                return i + 2;
            }
        }
        return APP_OTHER;
    }

    /** {@code lower} is lower-case ASCII (app names in mapping files). */
    private static boolean equalsIgnoreAsciiCase(byte[] lower, byte[] raw, int off) {
        for (int k = 0; k < lower.length; k++) {
            byte c = raw[off + k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreAsciiCase(byte[] lower, String s) {
        for (int k = 0; k < lower.length; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower[k]) {
                return false;
            }
        }
        return true;
    }
}
