package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.skipSpaces;

/**
 * cron daemon lines: {@code (root) CMD (run-parts /etc/cron.hourly)}, {@code (alice) REPLACE (alice)},
 * {@code (root) BEGIN EDIT (root)}, {@code (alice) RELOAD (crontabs/alice)}; plus the PAM lines cron writes.
 *
 * <p>Sets {@code user.name}, {@code event.action} (CMD, REPLACE, BEGIN EDIT…) and, for CMD, the command as
 * {@code process.command_line}.
 */
final class CronMessageExtractor implements MessageExtractor {
    static final CronMessageExtractor INSTANCE = new CronMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.USER_NAME, MessageField.EVENT_ACTION,
            MessageField.PROCESS_COMMAND_LINE, MessageField.EVENT_OUTCOME, MessageField.SOURCE_ADDRESS,
            MessageField.SOURCE_IP, MessageField.PAM_TTY, MessageField.PAM_RUSER);

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        if (!extractCron(b, from, to, out)) {
            PamMessageExtractor.extractPam(b, from, to, out);
        }
    }

    /** @return true when the line is a cron {@code (user) ACTION (detail)} line */
    static boolean extractCron(byte[] b, int from, int to, MessageFields out) {
        final int start = skipSpaces(b, from, to);
        if (start >= to || b[start] != '(') {
            return false;
        }
        final int close = indexOf(b, start + 1, to, ") ");
        if (close < 0) {
            return false;
        }
        final int action = close + 2;
        final int detail = indexOf(b, action, to, " (");
        if (detail < 0 || b[to - 1] != ')') {
            return false;
        }
        out.set(MessageField.USER_NAME, start + 1, close);
        out.set(MessageField.EVENT_ACTION, action, detail);
        if (detail - action == 3 && b[action] == 'C' && b[action + 1] == 'M' && b[action + 2] == 'D') {
            out.set(MessageField.PROCESS_COMMAND_LINE, skipSpaces(b, detail + 2, to - 1), to - 1);
        }
        return true;
    }
}
