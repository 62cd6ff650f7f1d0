package io.watchfloor.detect.rule;

import java.util.List;

/**
 * The descriptive fields of a Sigma rule, carried from the YAML into alerts and reports.
 *
 * @param id the rule's {@code id}, or {@code <file stem>[#n]} when it has none
 * @param name the rule's {@code name} (a reference for filters and correlations), or null
 * @param title the title
 * @param description the description, or null
 * @param author the author, or null
 * @param status stable, test, experimental…, or null
 * @param level informational, low, medium, high or critical ({@link RuleLoader#LEVEL_DEFAULT} when absent)
 * @param tags e.g. {@code attack.t1059.001}
 * @param falsePositives the {@code falsepositives} list
 * @param fields the {@code fields} an analyst should see
 * @param references the {@code references} list
 */
public record RuleMetadata(String id, String name, String title, String description, String author, String status,
                           String level, List<String> tags, List<String> falsePositives, List<String> fields,
                           List<String> references) {
    /** Copies the lists, so the record is immutable. */
    public RuleMetadata {
        tags = List.copyOf(tags);
        falsePositives = List.copyOf(falsePositives);
        fields = List.copyOf(fields);
        references = List.copyOf(references);
    }
}
