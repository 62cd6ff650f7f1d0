package io.watchfloor.detect.offline;

import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleRejection;
import io.watchfloor.detect.rule.RuleSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load totals of a rule directory: rules loaded, meta filters and correlations loaded, and rejected documents by reason code.
 *
 * @param loaded detection rules that compiled
 * @param filters meta filter documents that compiled
 * @param rejectedByCode rejected documents per {@link RuleRejection#code()}, sorted by code
 * @param rejections every rejection, with file, rule id and reason
 * @param correlations correlation rules that compiled and whose references resolved
 */
public record RulesCheck(int loaded, int filters, Map<String, Integer> rejectedByCode, List<RuleRejection> rejections,
                         int correlations) {
    /** Copies the collections. */
    public RulesCheck {
        rejectedByCode = Map.copyOf(rejectedByCode);
        rejections = List.copyOf(rejections);
    }

    /** Totals without correlation rules. */
    public RulesCheck(int loaded, int filters, Map<String, Integer> rejectedByCode, List<RuleRejection> rejections) {
        this(loaded, filters, rejectedByCode, rejections, 0);
    }

    /**
     * Loads every rule file under {@code dirs} and counts.
     *
     * @param placeholders {@code expand} placeholder values by name
     * @throws IOException when a directory cannot be listed
     */
    public static RulesCheck run(List<Path> dirs, Map<String, List<String>> placeholders) throws IOException {
        return of(RuleLoader.load(dirs, placeholders));
    }

    /** @return the totals of an already loaded rule set */
    public static RulesCheck of(RuleSet set) {
        final Map<String, Integer> by = new TreeMap<>();
        for (RuleRejection r : set.rejections()) {
            by.merge(r.code(), 1, Integer::sum);
        }
        return new RulesCheck(set.rules().size(), set.filterCount(), by, set.rejections(), set.correlations().size());
    }

    /** @return documents rejected, all reasons together */
    public int rejected() {
        return rejections.size();
    }

    /** @return the share of documents that loaded, in percent (100 for an empty directory) */
    public double loadedPercent() {
        final int total = loaded + filters + correlations + rejected();
        return total == 0 ? 100.0 : 100.0 * (loaded + filters + correlations) / total;
    }

    /** @return the totals as text lines: loaded, filters, correlations, rejected, then one line per reason code */
    public String render() {
        final StringBuilder b = new StringBuilder();
        b.append("loaded: ").append(loaded).append('\n');
        b.append("filters: ").append(filters).append('\n');
        b.append("correlations: ").append(correlations).append('\n');
        b.append("rejected: ").append(rejected()).append('\n');
        for (Map.Entry<String, Integer> e : new TreeMap<>(rejectedByCode).entrySet()) {
            b.append("rejected.").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        b.append(String.format(Locale.ROOT, "loaded_percent: %.2f%n", loadedPercent()));
        return b.toString();
    }
}
