package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class NetfilterMessageExtractorTest {
    private static final NetfilterMessageExtractor X = NetfilterMessageExtractor.INSTANCE;

    @Test
    void shouldReadPacketLogKeys() {
        assertThat(of(X, "[4475569.016000] [UFW BLOCK] IN=eth0 OUT= MAC=00:08:02:da:c8:51:08:00 SRC=203.0.113.9 "
                + "DST=198.51.100.2 LEN=60 TOS=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=50422 DPT=23 WINDOW=64240 SYN URGP=0"))
                .containsOnly(entry("observer.ingress.interface.name", "eth0"), entry("source.ip", "203.0.113.9"),
                        entry("source.address", "203.0.113.9"), entry("destination.ip", "198.51.100.2"),
                        entry("network.transport", "TCP"), entry("source.port", "50422"),
                        entry("destination.port", "23"));
    }

    @Test
    void shouldIgnoreOtherKernelLines() {
        assertThat(of(X, "usb 1-1: new high-speed USB device number 2 using ehci-pci")).isEmpty();
        assertThat(of(X, "LOGIN=x SRC=1.2.3.4")).isEmpty();
    }
}
