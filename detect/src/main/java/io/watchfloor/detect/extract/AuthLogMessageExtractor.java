package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Linux authentication log ({@code /var/log/auth.log}, {@code /var/log/secure}) as a whole: each line is read
 * by the first format it has, sudo, cron, su, then sshd (which covers PAM lines too). For sources that declare
 * {@code service: auth} and carry lines of many programs.
 */
final class AuthLogMessageExtractor implements MessageExtractor {
    static final AuthLogMessageExtractor INSTANCE = new AuthLogMessageExtractor();

    private static final Set<MessageField> FIELDS = union();

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        if (SudoMessageExtractor.extractSudo(b, from, to, out) || CronMessageExtractor.extractCron(b, from, to, out)
                || SuMessageExtractor.extractSu(b, from, to, out)) {
            return;
        }
        SshdMessageExtractor.INSTANCE.extract(b, from, to, out);
    }

    private static Set<MessageField> union() {
        final Set<MessageField> all = EnumSet.noneOf(MessageField.class);
        all.addAll(SudoMessageExtractor.INSTANCE.fields());
        all.addAll(CronMessageExtractor.INSTANCE.fields());
        all.addAll(SuMessageExtractor.INSTANCE.fields());
        all.addAll(SshdMessageExtractor.INSTANCE.fields());
        return all;
    }
}
