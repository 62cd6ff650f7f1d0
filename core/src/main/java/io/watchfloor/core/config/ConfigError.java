package io.watchfloor.core.config;

import java.nio.file.Path;

/**
 * One configuration problem: the file, the YAML path inside it and what was expected.
 * Rendered as {@code config/inventory.yaml: sources[2].max_silence: "5x" (expected: a duration like 30s, 5m, 1h, 2d)}.
 *
 * @param file the file the problem is in
 * @param yamlPath the path inside the document ({@code sources[2].match.peers[0]}), or "" for the whole file
 * @param message what was found and what was expected
 */
public record ConfigError(Path file, String yamlPath, String message) {
    @Override
    public String toString() {
        return file + ": " + (yamlPath.isEmpty() ? "" : yamlPath + ": ") + message;
    }
}
