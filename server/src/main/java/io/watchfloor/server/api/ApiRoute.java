package io.watchfloor.server.api;

import java.util.List;
import java.util.Map;

/**
 * Answers one method and path. GET routes are called on a Netty event-loop thread: they read published snapshots
 * only and never block. POST routes are called on the API's POST thread, one at a time, and may block briefly.
 */
@FunctionalInterface
public interface ApiRoute {
    /**
     * @param query the decoded query parameters
     * @return the answer; an {@link IllegalArgumentException} becomes a 400 naming the problem
     */
    ApiResponse handle(Map<String, List<String>> query);
}
