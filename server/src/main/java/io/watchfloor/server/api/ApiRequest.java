package io.watchfloor.server.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to an {@link ApiResource}: method, the id after the resource's path (or null), query, headers and
 * body, copied out of Netty's buffers so the handler may run on another thread. Immutable.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code DELETE}, …
 * @param id the path segment after the resource ({@code /api/sources/fw-01} → {@code fw-01}), URL-decoded, or null
 *     for the resource itself
 * @param query the decoded query parameters
 * @param headers request headers, names in lower case (the first value of each)
 * @param body the body bytes (bounded by the server's request limit), empty when none
 */
public record ApiRequest(String method, String id, Map<String, List<String>> query, Map<String, String> headers,
                         byte[] body) {
    public ApiRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** @return the header's value, or null; {@code name} in any case */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
