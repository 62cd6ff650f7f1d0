package io.watchfloor.detect.rule;

import java.nio.file.Path;

/**
 * A rule document that was not loaded, and why; the other rules load regardless.
 *
 * @param file the rule file
 * @param ruleId the rule's {@code id} when it could be read, else null
 * @param reason a short sentence naming the problem (missing field, unknown modifier, bad regex, …)
 */
public record RuleRejection(Path file, String ruleId, String reason) {
    @Override
    public String toString() {
        return file + (ruleId != null ? " [" + ruleId + "]" : "") + ": " + reason;
    }
}
