package io.watchfloor.coverage.inventory;

import io.watchfloor.core.config.ConfigError;
import java.util.List;

/**
 * What {@link InventoryLoader#load} found: the inventory, or every error in the file.
 *
 * @param inventory the validated inventory, or null when there are errors
 * @param errors every problem found, in document order; empty on success
 */
public record InventoryLoadResult(Inventory inventory, List<ConfigError> errors) {
    public InventoryLoadResult {
        errors = List.copyOf(errors);
    }

    /** @return true when the file loaded without errors */
    public boolean ok() {
        return errors.isEmpty();
    }
}
