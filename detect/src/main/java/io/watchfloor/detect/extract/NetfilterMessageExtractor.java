package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.skipSpaces;
import static io.watchfloor.detect.extract.MessageScan.startsWith;
import static io.watchfloor.detect.extract.MessageScan.tokenEnd;

/**
 * Kernel packet-filter log lines (iptables/nftables {@code LOG} target, UFW, firewalld): {@code [UFW BLOCK] IN=eth0
 * OUT= MAC=… SRC=192.0.2.7 DST=198.51.100.2 LEN=60 … PROTO=TCP SPT=50422 DPT=22 …}. Other kernel lines set nothing.
 *
 * <p>Sets {@code source.ip} (SRC), {@code destination.ip} (DST), {@code source.port} (SPT),
 * {@code destination.port} (DPT), {@code network.transport} (PROTO, as logged), and the interfaces IN and OUT as
 * {@code observer.ingress.interface.name} and {@code observer.egress.interface.name}.
 */
final class NetfilterMessageExtractor implements MessageExtractor {
    static final NetfilterMessageExtractor INSTANCE = new NetfilterMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.SOURCE_IP, MessageField.SOURCE_ADDRESS,
            MessageField.DESTINATION_IP, MessageField.SOURCE_PORT, MessageField.DESTINATION_PORT,
            MessageField.NETWORK_TRANSPORT, MessageField.INGRESS_INTERFACE, MessageField.EGRESS_INTERFACE);

    @Override
    public String name() {
        return "netfilter";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        final int in = indexOf(b, from, to, "IN=");
        if (in < 0 || (in > from && b[in - 1] != ' ' && b[in - 1] != ']') || indexOf(b, in, to, " SRC=") < 0) {
            return;
        }
        int i = in;
        while (i < to) {
            final int end = tokenEnd(b, i, to);
            final int eq = indexOf(b, i, end, '=');
            if (eq > i && eq < end) {
                field(b, i, eq, end, out);
            }
            i = skipSpaces(b, end, to);
        }
    }

    private static void field(byte[] b, int key, int eq, int end, MessageFields out) {
        final int v = eq + 1;
        switch (eq - key) {
            case 2:
                if (startsWith(b, key, eq, "IN")) {
                    out.set(MessageField.INGRESS_INTERFACE, v, end);
                }
                break;
            case 3:
                if (startsWith(b, key, eq, "SRC")) {
                    out.set(MessageField.SOURCE_IP, v, end);
                    out.set(MessageField.SOURCE_ADDRESS, v, end);
                } else if (startsWith(b, key, eq, "DST")) {
                    out.set(MessageField.DESTINATION_IP, v, end);
                } else if (startsWith(b, key, eq, "OUT")) {
                    out.set(MessageField.EGRESS_INTERFACE, v, end);
                } else if (startsWith(b, key, eq, "SPT")) {
                    out.set(MessageField.SOURCE_PORT, v, end);
                } else if (startsWith(b, key, eq, "DPT")) {
                    out.set(MessageField.DESTINATION_PORT, v, end);
                }
                break;
            case 5:
                if (startsWith(b, key, eq, "PROTO")) {
                    out.set(MessageField.NETWORK_TRANSPORT, v, end);
                }
                break;
            default:
                break;
        }
    }
}
