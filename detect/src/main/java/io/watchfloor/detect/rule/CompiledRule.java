package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.Condition;
import io.watchfloor.detect.match.EventFieldView;
import io.watchfloor.detect.match.Selection;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded Sigma detection rule: its metadata and its detection compiled to matchers. Immutable and
 * thread-safe; evaluation state lives in the caller's memo.
 */
public final class CompiledRule {
    private final String id;
    private final String title;
    private final String description;
    private final String author;
    private final String status;
    private final String level;
    private final List<String> tags;
    private final List<String> falsePositives;
    private final LogSource logSource;
    private final Path file;
    private final Selection[] selections;
    private final Condition condition;

    CompiledRule(String id, String title, String description, String author, String status, String level,
                 List<String> tags, List<String> falsePositives, LogSource logSource, Path file,
                 List<Selection> selections, Condition condition) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.author = author;
        this.status = status;
        this.level = level;
        this.tags = List.copyOf(tags);
        this.falsePositives = List.copyOf(falsePositives);
        this.logSource = logSource;
        this.file = file;
        this.selections = selections.toArray(new Selection[0]);
        this.condition = condition;
    }

    /** @return the rule's {@code id}, or {@code <file stem>[#n]} when it has none */
    public String id() { return id; }
    public String title() { return title; }
    /** @return the description, or null */
    public String description() { return description; }
    /** @return the author, or null */
    public String author() { return author; }
    /** @return the status, or null */
    public String status() { return status; }
    /** @return informational, low, medium, high or critical ({@link RuleLoader#LEVEL_DEFAULT} when absent) */
    public String level() { return level; }
    public List<String> tags() { return tags; }
    public List<String> falsePositives() { return falsePositives; }
    public LogSource logSource() { return logSource; }
    /** @return the file the rule was loaded from */
    public Path file() { return file; }

    /** @return how many selections (search identifiers) the detection has; the memo needs this many bytes */
    public int selectionCount() { return selections.length; }

    /** @return the name of selection {@code i} */
    public String selectionName(int i) { return selections[i].name(); }

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
