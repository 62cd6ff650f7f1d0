package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.startsWith;
import static io.watchfloor.detect.extract.MessageScan.tokenEnd;

/**
 * su lines: {@code Successful su for root by alice}, {@code FAILED su for root by alice}, {@code (to root) alice on
 * pts/0}, {@code + pts/0 alice:root}, {@code BAD SU alice to root on /dev/ttyp0}, {@code alice to root on
 * /dev/ttyp1}; plus the PAM lines su writes.
 *
 * <p>Sets {@code user.name} (who ran su), {@code user.target.name} (whom they became) and {@code event.outcome}.
 */
final class SuMessageExtractor implements MessageExtractor {
    static final SuMessageExtractor INSTANCE = new SuMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.USER_NAME, MessageField.USER_TARGET_NAME,
            MessageField.EVENT_OUTCOME, MessageField.SOURCE_ADDRESS, MessageField.SOURCE_IP, MessageField.PAM_TTY,
            MessageField.PAM_RUSER);

    @Override
    public String name() {
        return "su";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        if (!extractSu(b, from, to, out)) {
            PamMessageExtractor.extractPam(b, from, to, out);
        }
    }

    /** @return true when the line is one of su's own formats */
    static boolean extractSu(byte[] b, int from, int to, MessageFields out) {
        if (startsWith(b, from, to, "Successful su for ")) {
            return forBy(b, from + 18, to, "success", out);
        }
        if (startsWith(b, from, to, "FAILED su for ")) {
            return forBy(b, from + 14, to, "failure", out);
        }
        if (startsWith(b, from, to, "(to ")) {
            final int close = indexOf(b, from + 4, to, ") ");
            if (close < 0) {
                return false;
            }
            out.set(MessageField.USER_TARGET_NAME, from + 4, close);
            out.set(MessageField.USER_NAME, close + 2, tokenEnd(b, close + 2, to));
            out.setConstant(MessageField.EVENT_OUTCOME, "success");
            return true;
        }
        if ((startsWith(b, from, to, "+ ") || startsWith(b, from, to, "- ")) && to - from > 2) {
            final int users = tokenEnd(b, from + 2, to) + 1;
            final int end = tokenEnd(b, users, to);
            final int colon = indexOf(b, users, end, ':');
            if (colon < 0) {
                return false;
            }
            out.set(MessageField.USER_NAME, users, colon);
            out.set(MessageField.USER_TARGET_NAME, colon + 1, end);
            out.setConstant(MessageField.EVENT_OUTCOME, b[from] == '+' ? "success" : "failure");
            return true;
        }
        final boolean bad = startsWith(b, from, to, "BAD SU ");
        final int user = bad ? from + 7 : from;
        final int userEnd = tokenEnd(b, user, to);
        if (startsWith(b, userEnd, to, " to ")) {
            final int target = userEnd + 4;
            final int targetEnd = tokenEnd(b, target, to);
            if (startsWith(b, targetEnd, to, " on ")) {
                out.set(MessageField.USER_NAME, user, userEnd);
                out.set(MessageField.USER_TARGET_NAME, target, targetEnd);
                out.setConstant(MessageField.EVENT_OUTCOME, bad ? "failure" : "success");
                return true;
            }
        }
        return false;
    }

    private static boolean forBy(byte[] b, int target, int to, String outcome, MessageFields out) {
        final int targetEnd = tokenEnd(b, target, to);
        if (!startsWith(b, targetEnd, to, " by ")) {
            return false;
        }
        out.set(MessageField.USER_TARGET_NAME, target, targetEnd);
        out.set(MessageField.USER_NAME, targetEnd + 4, tokenEnd(b, targetEnd + 4, to));
        out.setConstant(MessageField.EVENT_OUTCOME, outcome);
        return true;
    }
}
