package io.watchfloor.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One API answer.
 *
 * @param status HTTP status
 * @param contentType the Content-Type header
 * @param body the body bytes
 */
public record ApiResponse(int status, String contentType, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** @return 200 with {@code value} rendered as JSON */
    public static ApiResponse json(Object value) {
        return json(200, value);
    }

    /** @return {@code status} with {@code value} rendered as JSON */
    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("API value is not serializable: " + e.getMessage(), e);
        }
    }

    /** @return a JSON error body {@code {"error": message}} */
    public static ApiResponse error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    /** @return plain text */
    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
