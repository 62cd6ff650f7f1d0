package io.watchfloor.bench.sample;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.ingest.json.JsonEventParser;
import io.watchfloor.ingest.syslog.SyslogParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real events from the shared log corpus ({@code ../shared/corpus}, read in place, never copied), parsed as the
 * ingest stage parses them and paired with the log source an inventory would declare for their sender:
 *
 * <ul>
 *   <li>{@code WINDOWS}: every event of the Sigma regression data ({@code sigma/regression_data/**}{@code /*.json},
 *       Windows event log exports), as one HTTP NDJSON line each, in the exporter's shape
 *       ({@code Event.EventData.Image}: the engine's field mapping finds the Sigma names). Declared: the product
 *       and service of the rule the regression test names.</li>
 *   <li>{@code LINUX}: loghub's Linux and OpenSSH syslog lines, parsed by {@link SyslogParser}. Declared:
 *       {@code product: linux}; the service comes from each line's app name.</li>
 *   <li>{@code ZEEK}: the WRCCDC 2018 Zeek {@code dns}, {@code ssh} and {@code notice} logs, each TSV row as a
 *       JSON event keyed by the Zeek field names. Declared: {@code product: zeek, service: <log>}.</li>
 *   <li>{@code CLOUDTRAIL}: the AWS documentation's CloudTrail records, one NDJSON line each. Declared:
 *       {@code product: aws, service: cloudtrail}.</li>
 * </ul>
 * Built once at benchmark set-up; not for the hot path.
 */
public final class CorpusEvents {
    /** System property naming the corpus root (the directory holding {@code sigma/}, {@code loghub/}, …). */
    public static final String CORPUS_DIR_PROPERTY = "watchfloor.bench.corpusDir";
    /** Receive time of every corpus event: 2026-12-03T07:12:12Z. */
    public static final long RECEIVED_AT_MS = SampleEvents.RECEIVED_AT_MS;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An event and the log source its sender declares (null: undeclared). */
    public record Declared(Event event, LogSource declared) {
    }

    private CorpusEvents() {
    }

    /**
     * @return {@value #CORPUS_DIR_PROPERTY} when set, else the first {@code shared/corpus} holding {@code sigma/}
     *     in the working directory or above it, else null
     */
    public static Path corpusDir() {
        final String configured = System.getProperty(CORPUS_DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            final Path candidate = p.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate.resolve("sigma"))) {
                return candidate;
            }
        }
        return null;
    }

    /** @return the {@code rules*} directories of the corpus's Sigma folder, sorted */
    public static List<Path> sigmaRuleDirs(Path corpus) throws IOException {
        try (Stream<Path> list = Files.list(corpus.resolve("sigma"))) {
            return list.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("rules"))
                    .sorted().collect(Collectors.toList());
        }
    }

    /**
     * @param group {@code WINDOWS}, {@code LINUX}, {@code ZEEK}, {@code CLOUDTRAIL}, or {@code MIX} for all four
     * @param maxPerGroup most events taken from each group (files are read in path order)
     * @param rules the loaded corpus rules: a regression test's rule gives its events' declared log source
     * @return the events, groups one after another
     */
    public static List<Declared> load(Path corpus, String group, int maxPerGroup, RuleSet rules) throws IOException {
        final List<Declared> out = new ArrayList<>();
        final boolean mix = group.equals("MIX");
        if (mix || group.equals("WINDOWS")) {
            out.addAll(windows(corpus, rules, maxPerGroup));
        }
        if (mix || group.equals("LINUX")) {
            out.addAll(syslog(List.of(corpus.resolve("loghub/Linux/Linux_2k.log"),
                    corpus.resolve("loghub/OpenSSH/OpenSSH_2k.log")), new LogSource("linux", null, null), maxPerGroup));
        }
        if (mix || group.equals("ZEEK")) {
            out.addAll(zeek(corpus, maxPerGroup));
        }
        if (mix || group.equals("CLOUDTRAIL")) {
            out.addAll(ndjson(corpus.resolve("cloudtrail-awsdocs/cloudtrail_events.ndjson"),
                    new LogSource("aws", "cloudtrail", null), maxPerGroup));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("events=" + group
                    + " (expected: MIX, WINDOWS, LINUX, ZEEK or CLOUDTRAIL, with files under " + corpus + ")");
        }
        return out;
    }

    /** @return the regression events, one per JSON object */
    static List<Declared> windows(Path corpus, RuleSet rules, int max) throws IOException {
        final Map<String, LogSource> byId = new HashMap<>();
        for (CompiledRule r : rules.rules()) {
            byId.put(r.id(), new LogSource(r.logSource().product(), r.logSource().service(), null));
        }
        final List<Path> infos;
        try (Stream<Path> walk = Files.walk(corpus.resolve("sigma/regression_data"))) {
            infos = walk.filter(p -> p.getFileName().toString().equals("info.yml")).sorted()
                    .collect(Collectors.toList());
        }
        final JsonEventParser parser = new JsonEventParser();
        final List<Declared> out = new ArrayList<>();
        for (Path info : infos) {
            final LogSource declared = byId.get(ruleId(info));
            final List<Path> files;
            try (Stream<Path> list = Files.list(info.getParent())) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
                        .collect(Collectors.toList());
            }
            for (Path f : files) {
                for (JsonNode node : objects(f)) {
                    if (out.size() == max) {
                        return out;
                    }
                    out.add(new Declared(jsonEvent(parser, MAPPER.writeValueAsString(node)), declared));
                }
            }
        }
        return out;
    }

    private static String ruleId(Path info) throws IOException {
        final Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(info));
        if (doc instanceof Map && ((Map<?, ?>) doc).get("rule_metadata") instanceof List) {
            for (Object m : (List<?>) ((Map<?, ?>) doc).get("rule_metadata")) {
                if (m instanceof Map && ((Map<?, ?>) m).get("id") != null) {
                    return String.valueOf(((Map<?, ?>) m).get("id"));
                }
            }
        }
        return null;
    }

    private static List<JsonNode> objects(Path file) throws IOException {
        final List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(Files.newBufferedReader(file));
             MappingIterator<JsonNode> it = MAPPER.readValues(p, JsonNode.class)) {
            while (it.hasNext()) {
                final JsonNode n = it.next();
                if (n.isArray()) {
                    n.forEach(out::add);
                } else {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** @return the lines of {@code files} parsed as syslog, up to {@code max} */
    static List<Declared> syslog(List<Path> files, LogSource declared, int max) throws IOException {
        final SyslogParser parser = new SyslogParser();
        final List<Declared> out = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (out.size() == max) {
                    return out;
                }
                if (line.isBlank()) {
                    continue;
                }
                final Event e = new Event();
                e.resetForData(Listener.SYSLOG_TCP, SampleInventory.peer(0), RECEIVED_AT_MS, false, null);
                final byte[] b = line.getBytes(StandardCharsets.UTF_8);
                e.raw(b, 0, b.length);
                parser.parse(e);
                if (!e.parseError()) {
                    out.add(new Declared(e, declared));
                }
            }
        }
        return out;
    }

    /** @return the rows of the Zeek TSV logs as JSON events keyed by the {@code #fields} names, up to {@code max} */
    static List<Declared> zeek(Path corpus, int max) throws IOException {
        final JsonEventParser parser = new JsonEventParser();
        final List<Declared> out = new ArrayList<>();
        for (String log : List.of("dns", "ssh", "notice")) {
            final LogSource declared = new LogSource("zeek", log, null);
            String[] names = null;
            for (String line : Files.readAllLines(corpus.resolve("zeek-wrccdc2018/" + log + ".log"),
                    StandardCharsets.UTF_8)) {
                if (out.size() == max) {
                    return out;
                }
                if (line.startsWith("#fields\t")) {
                    names = line.substring("#fields\t".length()).split("\t", -1);
                }
                if (line.startsWith("#") || names == null) {
                    continue;
                }
                final String[] values = line.split("\t", -1);
                final Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(names.length, values.length); i++) {
                    if (!values[i].equals("-")) {
                        row.put(names[i], values[i].equals("(empty)") ? "" : values[i]);
                    }
                }
                out.add(new Declared(jsonEvent(parser, MAPPER.writeValueAsString(row)), declared));
            }
        }
        return out;
    }

    /** @return the lines of an NDJSON file as JSON events, up to {@code max} */
    static List<Declared> ndjson(Path file, LogSource declared, int max) throws IOException {
        final JsonEventParser parser = new JsonEventParser();
        final List<Declared> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (out.size() == max) {
                break;
            }
            if (!line.isBlank()) {
                out.add(new Declared(jsonEvent(parser, line), declared));
            }
        }
        return out;
    }

    private static Event jsonEvent(JsonEventParser parser, String line) {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, SampleInventory.peer(0), RECEIVED_AT_MS, false, null);
        final byte[] b = line.getBytes(StandardCharsets.UTF_8);
        e.raw(b, 0, b.length);
        if (!parser.parse(e)) {
            throw new UncheckedIOException(new IOException("corpus line does not parse (" + e.parseErrorReason()
                    + "): " + line.substring(0, Math.min(200, line.length()))));
        }
        return e;
    }
}
