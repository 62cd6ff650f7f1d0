package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.Condition;
import io.watchfloor.detect.match.EventFieldView;
import io.watchfloor.detect.match.RequiredLiterals;
import io.watchfloor.detect.match.Selection;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded Sigma detection rule: its metadata and its detection compiled to matchers. Immutable and
 * thread-safe; evaluation state lives in the caller's memo.
 */
public final class CompiledRule {
    private final RuleMetadata meta;
    private final LogSource logSource;
    private final Path file;
    private final Selection[] selections;
    private final Condition condition;
    private final RuleSuppression suppression;
    private final RequiredLiterals requiredLiterals;

    CompiledRule(RuleMetadata meta, LogSource logSource, Path file, List<Selection> selections, Condition condition,
                 RuleSuppression suppression) {
        this.suppression = suppression;
        this.meta = meta;
        this.logSource = logSource;
        this.file = file;
        this.selections = selections.toArray(new Selection[0]);
        this.condition = condition;
        this.requiredLiterals = RequiredLiterals.of(condition, selections);
    }

    /** @return every descriptive field of the rule */
    public RuleMetadata metadata() { return meta; }
    /** @return the rule's {@code id}, or {@code <file stem>[#n]} when it has none */
    public String id() { return meta.id(); }
    /** @return the rule's {@code name}, or null */
    public String name() { return meta.name(); }
    /** @return the title */
    public String title() { return meta.title(); }
    /** @return the description, or null */
    public String description() { return meta.description(); }
    /** @return the author, or null */
    public String author() { return meta.author(); }
    /** @return the status, or null */
    public String status() { return meta.status(); }
    /** @return informational, low, medium, high or critical ({@link RuleLoader#LEVEL_DEFAULT} when absent) */
    public String level() { return meta.level(); }
    /** @return the tags */
    public List<String> tags() { return meta.tags(); }
    /** @return the {@code falsepositives} list */
    public List<String> falsePositives() { return meta.falsePositives(); }
    /** @return the {@code fields} list */
    public List<String> fields() { return meta.fields(); }
    /** @return the {@code references} list */
    public List<String> references() { return meta.references(); }
    /** @return the rule's log source */
    public LogSource logSource() { return logSource; }
    /** @return the file the rule was loaded from */
    public Path file() { return file; }

    /**
     * @return the suppression the rule declares with its custom {@code suppression:} key, or null when it declares
     *     none (the configured default applies)
     */
    public RuleSuppression suppression() { return suppression; }

    /** @return the field ids selection {@code i} reads */
    public int[] selectionFieldIds(int i) { return selections[i].fieldIds(); }

    /** @return how many selections (search identifiers) the detection has; the memo needs this many bytes */
    public int selectionCount() { return selections.length; }

    /** @return the name of selection {@code i} */
    public String selectionName(int i) { return selections[i].name(); }

    /**
     * @return the (field, literal) pairs one of which every event this rule matches holds, or
     *     {@link RequiredLiterals#NONE}; for prefiltering
     */
    public RequiredLiterals requiredLiterals() { return requiredLiterals; }

    /** @return the compiled selections, for appending a meta filter's */
    List<Selection> selections() { return List.of(selections); }

    /** @return the compiled condition, for wrapping with a meta filter's */
    Condition condition() { return condition; }

    /**
     * Evaluates the detection against the view's event.
     *
     * @param memo at least {@link #selectionCount()} bytes, zeroed by the caller; afterwards byte {@code i} is
     *     {@link Condition#TRUE} for each selection found true
     */
    public boolean matches(EventFieldView view, byte[] memo) {
        return condition.evaluate(selections, view, memo);
    }
}
