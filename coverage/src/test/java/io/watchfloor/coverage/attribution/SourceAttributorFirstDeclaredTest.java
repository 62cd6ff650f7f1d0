package io.watchfloor.coverage.attribution;

import static io.watchfloor.coverage.TestEvents.syslog;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.coverage.inventory.CidrBlock;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Exact names are found by hash, globs and peer blocks by scan; the first declared source still wins whichever way
 * each candidate was found: checked against the plain scan over every source in declaration order.
 */
class SourceAttributorFirstDeclaredTest {
    private static final List<String> HOSTS = List.of("web-1", "WEB-1", "web-2", "web-?", "web-*", "*", "db.x",
            "DB.*");
    private static final List<String> APPS = List.of("sshd", "SSHD", "cron", "ss*", "nginx");
    private static final List<String> PEERS = List.of("192.0.2.0/24", "192.0.2.7/32", "198.51.100.0/24");
    private static final List<String> EVENT_HOSTS = List.of("web-1", "Web-1", "web-2", "web-3", "db.x", "DB.Y",
            "other");
    private static final List<String> EVENT_APPS = List.of("sshd", "SsHd", "cron", "ssx", "nginx", "app");
    private static final List<String> EVENT_PEERS = List.of("192.0.2.7", "192.0.2.9", "198.51.100.1", "203.0.113.1");

    private static Source source(int index, List<String> hosts, List<String> peers, List<String> apps) {
        return new Source(index, "s" + index, "s" + index, Category.NETWORK, new SourceMatch(hosts, peers, apps), null,
                60_000, Criticality.MEDIUM, null);
    }

    @Provide
    Arbitrary<List<Source>> inventories() {
        final Arbitrary<List<String>> hosts = Arbitraries.of(HOSTS).list().ofMaxSize(2);
        final Arbitrary<List<String>> apps = Arbitraries.of(APPS).list().ofMaxSize(2);
        final Arbitrary<List<String>> peers = Arbitraries.of(PEERS).list().ofMaxSize(1);
        return net.jqwik.api.Combinators.combine(hosts, peers, apps).as(List::of).list().ofMinSize(1).ofMaxSize(12)
                .map(criteria -> {
                    final List<Source> out = new ArrayList<>();
                    for (List<List<String>> c : criteria) {
                        out.add(source(out.size(), c.get(0), c.get(1), c.get(2)));
                    }
                    return out;
                });
    }

    @Property(tries = 300)
    void shouldPickTheFirstDeclaredMatchingSourceLikeAPlainScan(@ForAll("inventories") List<Source> sources) {
        final Inventory inventory = new Inventory(sources);
        final SourceAttributor attributor = new SourceAttributor(inventory);
        for (String peer : EVENT_PEERS) {
            for (String app : EVENT_APPS) {
                for (String host : EVENT_HOSTS) {
                    final Event e = syslog(host, app, peer, 1);
                    assertThat(attributor.match(e)).as("%s %s %s", host, app, peer)
                            .isEqualTo(plainScan(sources, host, app, peer));
                    final Map<String, Object> fields = new HashMap<>();
                    fields.put("host.name", host);
                    fields.put("process.name", app);
                    fields.put("message", "x");
                    assertThat(attributor.match(TestEvents.json(fields, peer, 1))).as("json %s %s %s", host, app, peer)
                            .isEqualTo(plainScan(sources, host, app, peer));
                }
                final Event hostless = syslog(null, app, peer, 1);
                assertThat(attributor.match(hostless)).as("no HOSTNAME %s %s", app, peer)
                        .isEqualTo(plainScan(sources, EcsFields.peerString(hostless.peer()), app, peer));
            }
        }
    }

    @Test
    void shouldLetAnEarlierGlobWinOverALaterExactNameAndAnEarlierExactNameOverALaterGlob() {
        final SourceAttributor globFirst = new SourceAttributor(new Inventory(List.of(
                source(0, List.of("web-*"), List.of(), List.of()), source(1, List.of("web-1"), List.of(), List.of()))));
        assertThat(globFirst.match(syslog("web-1", "app", "203.0.113.1", 1))).isZero();
        final SourceAttributor exactFirst = new SourceAttributor(new Inventory(List.of(
                source(0, List.of("WEB-1"), List.of(), List.of()), source(1, List.of("web-*"), List.of(), List.of()),
                source(2, List.of("web-1"), List.of(), List.of()))));
        assertThat(exactFirst.match(syslog("web-1", "app", "203.0.113.1", 1))).as("case ignored, first wins").isZero();
        assertThat(exactFirst.match(syslog("web-2", "app", "203.0.113.1", 1))).isEqualTo(1);
    }

    private static int plainScan(List<Source> sources, String host, String app, String peerText) {
        final byte[] peer;
        try {
            peer = InetAddress.getByName(peerText).getAddress();
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
        for (Source s : sources) {
            for (String h : s.match().hosts()) {
                if (new GlobMatcher(h).matches(host)) {
                    return s.index();
                }
            }
            for (String p : s.match().peers()) {
                if (CidrBlock.parse(p).matches(peer)) {
                    return s.index();
                }
            }
            for (String a : s.match().apps()) {
                if (new GlobMatcher(a).matches(app)) {
                    return s.index();
                }
            }
        }
        return -1;
    }
}
