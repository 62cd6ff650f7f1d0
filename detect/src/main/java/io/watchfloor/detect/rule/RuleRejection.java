package io.watchfloor.detect.rule;

import java.nio.file.Path;

/**
 * A rule document that was not loaded, and why; the other rules load regardless.
 *
 * <p>Codes: {@code file_unreadable}, {@code file_too_large}, {@code not_utf8}, {@code yaml_invalid},
 * {@code not_a_map}, {@code correlation_unsupported} (metric types), {@code correlation_invalid},
 * {@code correlation_rule_unknown}, {@code correlation_cycle}, {@code legacy_action}, {@code status_skipped},
 * {@code missing_field}, {@code field_invalid}, {@code selection_invalid}, {@code condition_invalid},
 * {@code legacy_aggregation}, {@code modifier_unknown}, {@code modifier_invalid},
 * {@code value_invalid}, {@code regex_unsupported}, {@code placeholder_unknown}, {@code filter_invalid},
 * {@code duplicate_id}, {@code invalid_rule}, {@code internal_error}.
 *
 * @param file the rule file
 * @param ruleId the rule's {@code id} when it could be read, else null
 * @param reason a short sentence naming the problem (missing field, unknown modifier, bad regex, …)
 * @param code the kind of problem, one snake_case name from the fixed set above; for totals
 */
public record RuleRejection(Path file, String ruleId, String reason, String code) {
    /** A rejection with the generic code {@code invalid_rule}. */
    public RuleRejection(Path file, String ruleId, String reason) {
        this(file, ruleId, reason, "invalid_rule");
    }

    @Override
    public String toString() {
        return file + (ruleId != null ? " [" + ruleId + "]" : "") + ": " + code + ": " + reason;
    }
}
