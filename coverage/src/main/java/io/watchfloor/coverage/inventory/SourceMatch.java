package io.watchfloor.coverage.inventory;

import java.util.List;

/**
 * The criteria that attribute an event to a source; any one matching is enough. Lists are never null (empty
 * when the criterion is not used) and at least one is non-empty after validation.
 *
 * @param hosts case-insensitive globs ({@code *}, {@code ?}) on the syslog HOSTNAME or JSON {@code host.name}
 * @param peers sender addresses or CIDR blocks, IPv4 or IPv6 ({@code 192.0.2.0/24}, {@code 2001:db8::1})
 * @param apps case-insensitive globs on the syslog APP-NAME (JSON: {@code process.name})
 */
public record SourceMatch(List<String> hosts, List<String> peers, List<String> apps) {
    public SourceMatch {
        hosts = List.copyOf(hosts);
        peers = List.copyOf(peers);
        apps = List.copyOf(apps);
    }

    /** @return true when no criterion is set */
    public boolean isEmpty() {
        return hosts.isEmpty() && peers.isEmpty() && apps.isEmpty();
    }
}
