package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.isDigits;
import static io.watchfloor.detect.extract.MessageScan.isIpShaped;
import static io.watchfloor.detect.extract.MessageScan.startsWith;
import static io.watchfloor.detect.extract.MessageScan.tokenEnd;

/**
 * OpenSSH server lines: {@code Accepted publickey for alice from 192.0.2.7 port 50422 ssh2},
 * {@code Failed password for invalid user admin from … port … ssh2}, {@code Invalid user admin from …},
 * {@code Connection closed by authenticating user root … port … [preauth]}, {@code reverse mapping checking
 * getaddrinfo for host [192.0.2.7] failed…}, {@code message repeated 2 times: [ Failed password …]}, and the PAM
 * lines sshd writes ({@link PamMessageExtractor}).
 *
 * <p>Sets {@code user.name}, {@code source.ip} (and {@code source.address}), {@code source.port},
 * {@code system.auth.ssh.event} (Accepted, Failed, Invalid, Postponed), {@code system.auth.ssh.method}
 * (password, publickey, keyboard-interactive/pam, none…) and {@code event.outcome} (success, failure).
 */
final class SshdMessageExtractor implements MessageExtractor {
    static final SshdMessageExtractor INSTANCE = new SshdMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.USER_NAME, MessageField.SOURCE_ADDRESS,
            MessageField.SOURCE_IP, MessageField.SOURCE_PORT, MessageField.SSH_EVENT, MessageField.SSH_METHOD,
            MessageField.EVENT_OUTCOME, MessageField.PAM_TTY, MessageField.PAM_RUSER);
    /** Phrases a user name follows, most specific first. */
    private static final String[] USER_MARKERS = {"invalid user ", "illegal user ", "authenticating user ",
        "for user ", "from user ", "Too many authentication failures for ", "Invalid user ", "Illegal user "};

    @Override
    public String name() {
        return "sshd";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        int p = from;
        if (startsWith(b, p, to, "message repeated ")) {
            final int open = indexOf(b, p, to, ": [ ");
            if (open < 0) {
                return;
            }
            p = open + 4;
        }
        if (startsWith(b, p, to, "error: ") || startsWith(b, p, to, "fatal: ")) {
            p += 7;
        }
        if (startsWith(b, p, to, "pam_") || startsWith(b, p, to, "PAM ")) {
            PamMessageExtractor.extractPam(b, p, to, out);
            return;
        }
        if (startsWith(b, p, to, "Server listening on ")) {
            // the daemon's own address, not a client's
            return;
        }
        if (startsWith(b, p, to, "Accepted ")) {
            attempt(b, p, p + 8, to, "success", out);
        } else if (startsWith(b, p, to, "Failed ")) {
            attempt(b, p, p + 6, to, "failure", out);
        } else if (startsWith(b, p, to, "Postponed ")) {
            attempt(b, p, p + 9, to, null, out);
        } else if (startsWith(b, p, to, "Invalid user ") || startsWith(b, p, to, "Illegal user ")) {
            out.set(MessageField.SSH_EVENT, p, p + 7);
            out.setConstant(MessageField.EVENT_OUTCOME, "failure");
        }
        user(b, p, to, out);
        address(b, p, to, out);
    }

    /** {@code <Event> <method> for [invalid user ]<user> from <ip> port <port> ssh2}: event, method, outcome. */
    private static void attempt(byte[] b, int event, int eventEnd, int to, String outcome, MessageFields out) {
        out.set(MessageField.SSH_EVENT, event, eventEnd);
        final int method = eventEnd + 1;
        final int methodEnd = tokenEnd(b, method, to);
        if (startsWith(b, methodEnd, to, " for ")) {
            out.set(MessageField.SSH_METHOD, method, methodEnd);
            if (outcome != null) {
                out.setConstant(MessageField.EVENT_OUTCOME, outcome);
            }
            final int u = methodEnd + 5;
            if (!startsWith(b, u, to, "invalid user ") && !startsWith(b, u, to, "illegal user ")) {
                out.set(MessageField.USER_NAME, u, tokenEnd(b, u, to));
            }
        }
    }

    private static void user(byte[] b, int from, int to, MessageFields out) {
        for (String marker : USER_MARKERS) {
            final int at = indexOf(b, from, to, marker);
            if (at >= 0) {
                final int u = at + marker.length();
                final int end = tokenEnd(b, u, to);
                // "Invalid user  from …": an empty name is not the word after it
                if (end > u) {
                    out.set(MessageField.USER_NAME, u, end);
                }
                return;
            }
        }
        if (startsWith(b, from, to, "User ")) {
            out.set(MessageField.USER_NAME, from + 5, tokenEnd(b, from + 5, to));
        }
    }

    /** The client address: the token before {@code " port "}, else after {@code " from "}, else {@code [ip]}. */
    private static void address(byte[] b, int from, int to, MessageFields out) {
        final int port = indexOf(b, from, to, " port ");
        if (port > from) {
            int start = port;
            while (start > from && b[start - 1] != ' ') {
                start--;
            }
            if (isIpShaped(b, start, port)) {
                ip(b, start, port, out);
                int end = port + 6;
                while (end < to && b[end] >= '0' && b[end] <= '9') {
                    end++;
                }
                if (isDigits(b, port + 6, end)) {
                    out.set(MessageField.SOURCE_PORT, port + 6, end);
                }
                return;
            }
        }
        final int fromWord = indexOf(b, from, to, " from ");
        if (fromWord >= 0) {
            final int start = fromWord + 6;
            int end = tokenEnd(b, start, to);
            if (end > start && b[end - 1] == ':') {
                end--;
            }
            if (isIpShaped(b, start, end)) {
                ip(b, start, end, out);
                return;
            }
        }
        final int open = indexOf(b, from, to, " [");
        if (open >= 0) {
            final int close = indexOf(b, open + 2, to, ']');
            if (close > 0 && isIpShaped(b, open + 2, close)) {
                ip(b, open + 2, close, out);
            }
        }
    }

    private static void ip(byte[] b, int from, int to, MessageFields out) {
        out.set(MessageField.SOURCE_IP, from, to);
        out.set(MessageField.SOURCE_ADDRESS, from, to);
    }
}
