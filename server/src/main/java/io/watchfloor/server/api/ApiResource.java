package io.watchfloor.server.api;

/**
 * Answers every method on a collection path and its items ({@code /api/sources}, {@code /api/sources/{id}}).
 * GET and HEAD are called on a Netty event-loop thread: read published state only, never block. Every other
 * method is called on the API's operator thread, one request at a time, and may block briefly.
 */
@FunctionalInterface
public interface ApiResource {
    /**
     * @return the answer; an {@link IllegalArgumentException} becomes a 400 naming the problem
     */
    ApiResponse handle(ApiRequest request);
}
