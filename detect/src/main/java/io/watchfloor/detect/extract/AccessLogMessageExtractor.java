package io.watchfloor.detect.extract;

import java.util.EnumSet;
import java.util.Set;

import static io.watchfloor.detect.extract.MessageScan.indexOf;
import static io.watchfloor.detect.extract.MessageScan.isDigits;
import static io.watchfloor.detect.extract.MessageScan.isIpShaped;
import static io.watchfloor.detect.extract.MessageScan.startsWith;
import static io.watchfloor.detect.extract.MessageScan.tokenEnd;

/**
 * Web server access log lines in the Common and Combined Log Formats (Apache, nginx), optionally led by the virtual
 * host ({@code vhost_combined}): {@code 192.0.2.7 - alice [03/Dec/2026:10:00:00 +0000] "GET /a.php?id=1 HTTP/1.1"
 * 200 512 "https://ref.example/" "curl/8.5"}.
 *
 * <p>Sets {@code source.address} (and {@code source.ip} when it is an address), {@code user.name} (unless "-"),
 * {@code url.domain} (the virtual host, without port), {@code http.request.method}, {@code url.original} (the
 * request target), {@code url.path}, {@code url.query} (after "?"), {@code http.version},
 * {@code http.response.status_code}, {@code http.response.body.bytes}, {@code http.request.referrer} and
 * {@code user_agent.original} (each unless "-").
 */
final class AccessLogMessageExtractor implements MessageExtractor {
    static final AccessLogMessageExtractor INSTANCE = new AccessLogMessageExtractor();

    private static final Set<MessageField> FIELDS = EnumSet.of(MessageField.SOURCE_ADDRESS, MessageField.SOURCE_IP,
            MessageField.USER_NAME, MessageField.URL_DOMAIN, MessageField.HTTP_METHOD, MessageField.URL_ORIGINAL,
            MessageField.URL_PATH, MessageField.URL_QUERY, MessageField.HTTP_VERSION, MessageField.HTTP_STATUS,
            MessageField.HTTP_BODY_BYTES, MessageField.HTTP_REFERRER, MessageField.USER_AGENT);

    @Override
    public String name() {
        return "access_log";
    }

    @Override
    public Set<MessageField> fields() {
        return FIELDS;
    }

    @Override
    public void extract(byte[] b, int from, int to, MessageFields out) {
        final int date = indexOf(b, from, to, " [");
        if (date < 0) {
            return;
        }
        // walk back from the [date]: authuser, ident, host, then at most one virtual host token in front
        final int user = tokenStart(b, from, date);
        final int ident = tokenStart(b, from, user - 1);
        final int host = tokenStart(b, from, ident - 1);
        if (user <= from || ident <= from || host < from || (host > from && tokenStart(b, from, host - 1) != from)) {
            return;
        }
        final int request = indexOf(b, date + 2, to, "] \"");
        if (request < 0) {
            return;
        }
        final int requestEnd = quoteEnd(b, request + 3, to);
        if (requestEnd < 0) {
            return;
        }
        if (host > from) {
            final int colon = indexOf(b, from, host - 1, ':');
            out.set(MessageField.URL_DOMAIN, from, colon < 0 ? host - 1 : colon);
        }
        out.set(MessageField.SOURCE_ADDRESS, host, ident - 1);
        if (isIpShaped(b, host, ident - 1)) {
            out.set(MessageField.SOURCE_IP, host, ident - 1);
        }
        unlessDash(b, MessageField.USER_NAME, user, date, out);
        requestLine(b, request + 3, requestEnd, out);
        statusAndAfter(b, requestEnd + 1, to, out);
    }

    /** {@code METHOD target HTTP/1.1}; a request that is not three tokens keeps what it has. */
    private static void requestLine(byte[] b, int from, int to, MessageFields out) {
        final int methodEnd = tokenEnd(b, from, to);
        if (methodEnd == to) {
            return;
        }
        out.set(MessageField.HTTP_METHOD, from, methodEnd);
        final int target = methodEnd + 1;
        final int targetEnd = tokenEnd(b, target, to);
        out.set(MessageField.URL_ORIGINAL, target, targetEnd);
        final int q = indexOf(b, target, targetEnd, '?');
        out.set(MessageField.URL_PATH, target, q < 0 ? targetEnd : q);
        if (q >= 0) {
            out.set(MessageField.URL_QUERY, q + 1, targetEnd);
        }
        if (startsWith(b, targetEnd, to, " HTTP/")) {
            out.set(MessageField.HTTP_VERSION, targetEnd + 6, tokenEnd(b, targetEnd + 6, to));
        }
    }

    /** {@code  200 512 "referrer" "user agent"}, the quoted pair being optional. */
    private static void statusAndAfter(byte[] b, int from, int to, MessageFields out) {
        if (from >= to || b[from] != ' ') {
            return;
        }
        final int status = from + 1;
        final int statusEnd = tokenEnd(b, status, to);
        if (isDigits(b, status, statusEnd)) {
            out.set(MessageField.HTTP_STATUS, status, statusEnd);
        }
        final int bytes = statusEnd + 1;
        if (bytes >= to) {
            return;
        }
        final int bytesEnd = tokenEnd(b, bytes, to);
        if (isDigits(b, bytes, bytesEnd)) {
            out.set(MessageField.HTTP_BODY_BYTES, bytes, bytesEnd);
        }
        if (!startsWith(b, bytesEnd, to, " \"")) {
            return;
        }
        final int referrerEnd = quoteEnd(b, bytesEnd + 2, to);
        if (referrerEnd < 0) {
            return;
        }
        unlessDash(b, MessageField.HTTP_REFERRER, bytesEnd + 2, referrerEnd, out);
        if (startsWith(b, referrerEnd + 1, to, " \"")) {
            final int agent = referrerEnd + 3;
            final int agentEnd = quoteEnd(b, agent, to);
            if (agentEnd >= 0) {
                unlessDash(b, MessageField.USER_AGENT, agent, agentEnd, out);
            }
        }
    }

    /** @return the start of the space-separated token ending at {@code end} (exclusive), not before {@code from} */
    private static int tokenStart(byte[] b, int from, int end) {
        int i = end;
        while (i > from && b[i - 1] != ' ') {
            i--;
        }
        return i;
    }

    /** @return the index of the closing quote of a string starting at {@code from} ({@code \"} escapes), or -1 */
    private static int quoteEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static void unlessDash(byte[] b, MessageField f, int from, int to, MessageFields out) {
        if (!(to - from == 1 && b[from] == '-')) {
            out.set(f, from, to);
        }
    }
}
