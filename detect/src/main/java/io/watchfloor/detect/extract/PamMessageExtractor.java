package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.isIpShaped;
import static io.watchfloor.detect.extract.MessageScan.skipSpaces;
import static io.watchfloor.detect.extract.MessageScan.startsWith;
import static io.watchfloor.detect.extract.MessageScan.tokenEnd;

/**
 * PAM module lines, whatever program logs them: {@code pam_unix(sshd:auth): authentication failure; logname=
 * uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.7  user=root}, {@code session opened for user alice by (uid=0)},
 * {@code session closed for user alice}, and the same without the {@code pam_unix(…): } prefix (older syslogs put
 * it in the app name: {@code sshd(pam_unix)}).
 */
final class PamMessageExtractor implements MessageExtractor {
    static final PamMessageExtractor INSTANCE = new PamMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.USER_NAME, MessageField.SOURCE_ADDRESS,
            MessageField.SOURCE_IP, MessageField.PAM_TTY, MessageField.PAM_RUSER, MessageField.EVENT_OUTCOME);

    @Override
    public String name() {
        return "pam";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        extractPam(b, from, to, out);
    }

    /** @return true when the line is a PAM line (and its fields were set) */
    static boolean extractPam(byte[] b, int from, int to, MessageFields out) {
        int p = from;
        if (startsWith(b, p, to, "pam_")) {
            final int close = indexOf(b, p, to, "): ");
            if (close < 0) {
                return false;
            }
            p = close + 3;
        } else if (startsWith(b, p, to, "PAM ")) {
            p += 4;
        }
        final boolean opened = startsWith(b, p, to, "session opened for user ");
        if (opened || startsWith(b, p, to, "session closed for user ")) {
            final int u = p + "session opened for user ".length();
            int end = u;
            while (end < to && b[end] != ' ' && b[end] != '(') {
                end++;
            }
            out.set(MessageField.USER_NAME, u, end);
            if (opened) {
                out.setConstant(MessageField.EVENT_OUTCOME, "success");
            }
            return true;
        }
        final int semi = indexOf(b, p, to, ';');
        if (semi < 0) {
            return false;
        }
        if (indexOf(b, p, semi, "authentication failure") >= 0) {
            out.setConstant(MessageField.EVENT_OUTCOME, "failure");
        }
        keyValues(b, semi + 1, to, out);
        return true;
    }

    /** Reads {@code key=value} tokens: logname, uid, euid, tty, ruser, rhost, user (values may be empty). */
    private static void keyValues(byte[] b, int from, int to, MessageFields out) {
        int i = skipSpaces(b, from, to);
        while (i < to) {
            final int end = tokenEnd(b, i, to);
            final int eq = indexOf(b, i, end, '=');
            if (eq > i) {
                final int v = eq + 1;
                if (startsWith(b, i, eq, "user") && eq - i == 4) {
                    out.set(MessageField.USER_NAME, v, end);
                } else if (startsWith(b, i, eq, "rhost") && eq - i == 5) {
                    out.set(MessageField.SOURCE_ADDRESS, v, end);
                    if (isIpShaped(b, v, end)) {
                        out.set(MessageField.SOURCE_IP, v, end);
                    }
                } else if (startsWith(b, i, eq, "tty") && eq - i == 3) {
                    out.set(MessageField.PAM_TTY, v, end);
                } else if (startsWith(b, i, eq, "ruser") && eq - i == 5) {
                    out.set(MessageField.PAM_RUSER, v, end);
                }
            }
            i = skipSpaces(b, end, to);
        }
    }
}
