package io.watchfloor.server.api;

import java.util.List;
import java.util.Map;

/** Answers one GET path. Called on a Netty event-loop thread: reads published snapshots only, never blocks. */
@FunctionalInterface
public interface ApiRoute {
    /**
     * @param query the decoded query parameters
     * @return the answer; an {@link IllegalArgumentException} becomes a 400 naming the problem
     */
    ApiResponse handle(Map<String, List<String>> query);
}
