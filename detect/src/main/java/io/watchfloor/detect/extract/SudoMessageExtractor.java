package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.skipSpaces;
import static io.watchfloor.detect.extract.MessageScan.startsWith;

/**
 * sudo's command log: {@code alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id}, with an
 * optional error before the first key ({@code 3 incorrect password attempts ; TTY=…}, {@code user NOT in sudoers ;
 * …}) and other keys (GROUP, TSID, ENV) skipped; plus the PAM lines sudo writes.
 *
 * <p>Sets {@code user.name} (who ran sudo), {@code system.auth.sudo.tty}, {@code .pwd}, {@code .user} (the target
 * user, also {@code user.target.name}), {@code .command} (to the end of the line, also
 * {@code process.command_line}), {@code .error} and {@code event.outcome} (failure with an error, else success).
 */
final class SudoMessageExtractor implements MessageExtractor {
    static final SudoMessageExtractor INSTANCE = new SudoMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.USER_NAME, MessageField.USER_TARGET_NAME,
            MessageField.SUDO_TTY, MessageField.SUDO_PWD, MessageField.SUDO_USER, MessageField.SUDO_COMMAND,
            MessageField.SUDO_ERROR, MessageField.PROCESS_COMMAND_LINE, MessageField.EVENT_OUTCOME,
            MessageField.SOURCE_ADDRESS, MessageField.SOURCE_IP, MessageField.PAM_TTY, MessageField.PAM_RUSER);

    @Override
    public String name() {
        return "sudo";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        if (!extractSudo(b, from, to, out)) {
            PamMessageExtractor.extractPam(b, from, to, out);
        }
    }

    /** @return true when the line is a sudo command line (and its fields were set) */
    static boolean extractSudo(byte[] b, int from, int to, MessageFields out) {
        final int start = skipSpaces(b, from, to);
        final int colon = indexOf(b, start, to, " : ");
        if (colon <= start || indexOf(b, colon, to, "COMMAND=") < 0) {
            return false;
        }
        out.set(MessageField.USER_NAME, start, colon);
        boolean error = false;
        int p = colon + 3;
        while (p < to) {
            final int sep = indexOf(b, p, to, " ; ");
            final int end = sep < 0 ? to : sep;
            if (startsWith(b, p, end, "COMMAND=")) {
                // the command runs to the end of the line: it may itself hold " ; "
                out.set(MessageField.SUDO_COMMAND, p + 8, to);
                out.set(MessageField.PROCESS_COMMAND_LINE, p + 8, to);
                break;
            } else if (startsWith(b, p, end, "TTY=")) {
                out.set(MessageField.SUDO_TTY, p + 4, end);
            } else if (startsWith(b, p, end, "PWD=")) {
                out.set(MessageField.SUDO_PWD, p + 4, end);
            } else if (startsWith(b, p, end, "USER=")) {
                out.set(MessageField.SUDO_USER, p + 5, end);
                out.set(MessageField.USER_TARGET_NAME, p + 5, end);
            } else if (indexOf(b, p, end, '=') < 0) {
                out.set(MessageField.SUDO_ERROR, p, end);
                error = true;
            }
            if (sep < 0) {
                break;
            }
            p = sep + 3;
        }
        out.setConstant(MessageField.EVENT_OUTCOME, error ? "failure" : "success");
        return true;
    }
}
