package io.watchfloor.coverage.attribution;

import static io.watchfloor.coverage.TestEvents.json;
import static io.watchfloor.coverage.TestEvents.syslog;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAttributorTest {
    private static Source source(int index, String id, List<String> hosts, List<String> peers, List<String> apps) {
        return new Source(index, id, id, Category.NETWORK, new SourceMatch(hosts, peers, apps), null, 60_000,
                Criticality.MEDIUM, null);
    }

    private static final Inventory INVENTORY = new Inventory(List.of(
            source(0, "fw-edge", List.of("fw-edge-0?*"), List.of(), List.of()),
            source(1, "mgmt-net", List.of(), List.of("192.0.2.0/24"), List.of()),
            source(2, "v6-net", List.of(), List.of("2001:db8:53::/48"), List.of()),
            source(3, "auth", List.of(), List.of(), List.of("sshd", "sudo*")),
            source(4, "late-fw", List.of("fw-*"), List.of(), List.of())));

    private final SourceAttributor attributor = new SourceAttributor(INVENTORY);

    private String attributed(Event e) {
        attributor.attribute(e);
        return e.sourceId();
    }

    @Test
    void shouldMatchAnAddedSourceAfterTheDeclaredOnesThroughASharedCopy() {
        final Inventory grown = INVENTORY.withSource(source(0, "crm", List.of("crm-*"), List.of(), List.of("sshd")));
        final SourceAttributor copy = new SourceAttributor(new SourceAttributor(grown));

        final Event crm = syslog("crm-01", "app", "203.0.113.5", 1);
        copy.attribute(crm);
        assertThat(crm.sourceId()).isEqualTo("crm");
        assertThat(crm.sourceIndex()).isEqualTo(5);
        final Event ssh = syslog("crm-01", "sshd", "203.0.113.5", 1);
        copy.attribute(ssh);
        assertThat(ssh.sourceId()).as("a source declared before it still wins").isEqualTo("auth");
        final Event declared = json(Map.of("source_id", "crm", "message", "x"), "203.0.113.5", 1);
        copy.attribute(declared);
        assertThat(declared.sourceIndex()).isEqualTo(5);
        assertThat(attributed(syslog("crm-01", "app", "203.0.113.5", 1))).as("the old attributor is unchanged")
                .isNull();
    }

    @Test
    void shouldAttributeSyslogByHostGlobIgnoringCase() {
        final Event e = syslog("FW-EDGE-01.example.com", "filterlog", "203.0.113.5", 1);
        assertThat(attributed(e)).isEqualTo("fw-edge");
        assertThat(e.sourceIndex()).isZero();
    }

    @Test
    void shouldLetTheFirstDeclaredSourceWin() {
        assertThat(attributed(syslog("fw-edge-02", "sshd", "192.0.2.1", 1))).isEqualTo("fw-edge");
        assertThat(attributed(syslog("fw-core-01", "sshd", "203.0.113.5", 1))).isEqualTo("auth");
        assertThat(attributed(syslog("fw-core-01", "other", "203.0.113.5", 1))).isEqualTo("late-fw");
    }

    @Test
    void shouldAttributeByIpv4AndIpv6PeerBlocks() {
        assertThat(attributed(syslog("host-a", "app", "192.0.2.200", 1))).isEqualTo("mgmt-net");
        assertThat(attributed(syslog("host-a", "app", "2001:db8:53:1::9", 1))).isEqualTo("v6-net");
        assertThat(attributed(syslog("host-a", "app", "2001:db8:54::9", 1))).isNull();
        assertThat(attributed(syslog("host-a", "app", "198.51.100.1", 1))).isNull();
    }

    @Test
    void shouldAttributeByAppNameGlob() {
        assertThat(attributed(syslog("host-a", "SSHD", null, 1))).isEqualTo("auth");
        assertThat(attributed(syslog("host-a", "sudo-rs", null, 1))).isEqualTo("auth");
        assertThat(attributed(syslog("host-a", "sshd2", null, 1))).isNull();
    }

    @Test
    void shouldMatchHostGlobsOnTheSenderWhenSyslogHasNoHostname() {
        final Inventory inv = new Inventory(List.of(source(0, "by-ip", List.of("192.0.2.*"), List.of(), List.of())));
        final SourceAttributor a = new SourceAttributor(inv);
        final Event e = syslog(null, null, "192.0.2.9", 1);
        a.attribute(e);
        assertThat(e.sourceId()).isEqualTo("by-ip");
    }

    @Test
    void shouldLeaveUnmatchedEventsUnattributed() {
        final Event e = syslog("unknown-host", "cron", "203.0.113.7", 1);
        attributor.attribute(e);
        assertThat(e.sourceIndex()).isEqualTo(-1);
        assertThat(e.sourceId()).isNull();
    }

    @Test
    void shouldPreferAnExplicitSourceIdOnJsonEvents() {
        final Event e = json(Map.of("source_id", "auth", "host.name", "fw-edge-01"), "192.0.2.1", 1);
        assertThat(attributed(e)).isEqualTo("auth");
        assertThat(e.sourceIndex()).isEqualTo(3);
    }

    @Test
    void shouldFallBackToCriteriaWhenJsonSourceIdIsUnknown() {
        assertThat(attributed(json(Map.of("source_id", "nope", "host.name", "fw-edge-01"), null, 1)))
                .isEqualTo("fw-edge");
        assertThat(attributed(json(Map.of("host", "fw-edge-03"), null, 1))).isEqualTo("fw-edge");
        assertThat(attributed(json(Map.of("process.name", "sshd"), "203.0.113.1", 1))).isEqualTo("auth");
        assertThat(attributed(json(Map.of("message", "x"), "192.0.2.3", 1))).isEqualTo("mgmt-net");
        assertThat(attributed(json(Map.of("message", "x"), "203.0.113.1", 1))).isNull();
    }

    @Test
    void shouldReuseSlotsWithoutLeakingTheLastAttribution() {
        final Event slot = new Event();
        TestEvents.syslogInto(slot, "fw-edge-01", "x", "203.0.113.1", 1, Long.MIN_VALUE);
        assertThat(attributed(slot)).isEqualTo("fw-edge");
        TestEvents.syslogInto(slot, "nobody", "x", "203.0.113.1", 2, Long.MIN_VALUE);
        assertThat(attributed(slot)).isNull();
    }

    @Test
    void shouldNotAllocateWhenAttributingSyslogEvents() {
        final Event[] events = {
            syslog("fw-core-01", "other", "203.0.113.5", 1),
            syslog("host-a", "app", "2001:db8:53:1::9", 1),
            syslog("nobody", "cron", "203.0.113.7", 1),
        };
        final Runnable work = () -> {
            for (int i = 0; i < 20_000; i++) {
                attributor.attribute(events[i % 3]);
            }
        };
        work.run();

        assertThat(TestEvents.allocatedBytes(work)).isLessThan(1_024);
        assertThat(events[0].sourceId()).isEqualTo("late-fw");
        assertThat(events[1].sourceId()).isEqualTo("v6-net");
    }

    @Test
    void shouldAttributeTheReadmeDemoWithTheShippedInventory() {
        final Inventory shipped = io.watchfloor.coverage.inventory.InventoryLoader
                .load(java.nio.file.Path.of("../config/inventory.yaml")).inventory();
        final SourceAttributor a = new SourceAttributor(shipped);
        final Event sshd = syslog("laptop-7", "sshd", "127.0.0.1", 1);
        final Event web = syslog("laptop-7", "web-app", "::1", 1);
        final Event other = syslog("laptop-7", "cron", "127.0.0.1", 1);
        a.attribute(sshd);
        a.attribute(web);
        a.attribute(other);

        assertThat(sshd.sourceId()).isEqualTo("linux-auth");
        assertThat(web.sourceId()).isEqualTo("web-app");
        assertThat(other.sourceId()).isNull();
    }

    @Test
    void shouldIgnoreTicks() {
        final Event tick = TestEvents.tick(5);
        attributor.attribute(tick);
        assertThat(tick.sourceIndex()).isEqualTo(-1);
        assertThat(attributor.match(tick)).isEqualTo(-1);
    }
}
