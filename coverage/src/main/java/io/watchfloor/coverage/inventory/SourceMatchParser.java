package io.watchfloor.coverage.inventory;

import java.util.List;
import java.util.Map;

/**
 * Not thread-safe, one per validation pass: reads a source's {@code match} and its optional {@code logsource}.
 *
 * <p>{@code match} holds host and app globs and peer addresses or CIDR blocks; {@code logsource} a Sigma reference.
 */
final class SourceMatchParser {
    private static final String EXPECT_GLOB = "a glob of printable characters using only * and ? as wildcards";
    private static final String EXPECT_PEER = "an IPv4/IPv6 address or CIDR block like 192.0.2.0/24";
    private static final String EXPECT_MATCH = "at least one of hosts, peers, apps with an entry";
    private static final String EXPECT_LOGSOURCE = "a mapping with product, service and/or category";
    private static final List<String> MATCH_KEYS = List.of("hosts", "peers", "apps");
    private static final List<String> LOGSOURCE_KEYS = List.of("product", "service", "category");

    private final YamlNodeReader reader;

    SourceMatchParser(YamlNodeReader reader) {
        this.reader = reader;
    }

    /** @return the {@code match} of the source mapping at {@code sourcePath}, or null (reported) */
    SourceMatch match(Map<?, ?> source, String sourcePath) {
        final String path = sourcePath + ".match";
        if (!source.containsKey("match")) {
            reader.missing(path, EXPECT_MATCH);
            return null;
        }
        final Map<?, ?> m = reader.mapping(source.get("match"), path, EXPECT_MATCH, MATCH_KEYS);
        if (m == null) {
            return null;
        }
        final int before = reader.errorCount();
        final List<String> hosts = reader.stringList(m, path, "hosts", EXPECT_GLOB);
        final List<String> peers = reader.stringList(m, path, "peers", EXPECT_PEER);
        final List<String> apps = reader.stringList(m, path, "apps", EXPECT_GLOB);
        reader.checkEach(hosts, path + ".hosts", InventoryLoader::isValidGlob, EXPECT_GLOB);
        reader.checkEach(peers, path + ".peers", peer -> CidrBlock.parse(peer) != null, EXPECT_PEER);
        reader.checkEach(apps, path + ".apps", InventoryLoader::isValidGlob, EXPECT_GLOB);
        if (hosts.isEmpty() && peers.isEmpty() && apps.isEmpty() && reader.errorCount() == before) {
            reader.wrong(path, m, EXPECT_MATCH);
        }
        if (reader.errorCount() != before) {
            return null;
        }
        return new SourceMatch(hosts, peers, apps);
    }

    /** @return the {@code logsource} of the source mapping at {@code sourcePath}, or null when absent or invalid */
    LogSourceRef logsource(Map<?, ?> source, String sourcePath) {
        if (!source.containsKey("logsource")) {
            return null;
        }
        final String path = sourcePath + ".logsource";
        final Map<?, ?> m = reader.mapping(source.get("logsource"), path, EXPECT_LOGSOURCE, LOGSOURCE_KEYS);
        if (m == null) {
            return null;
        }
        final String product = reader.optionalString(m, path, "product", "a Sigma product name");
        final String service = reader.optionalString(m, path, "service", "a Sigma service name");
        final String category = reader.optionalString(m, path, "category", "a Sigma log source category");
        if (product == null && service == null && category == null) {
            reader.wrong(path, m, EXPECT_LOGSOURCE);
        }
        return new LogSourceRef(product, service, category);
    }
}
