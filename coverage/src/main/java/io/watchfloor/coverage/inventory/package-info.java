/** The in-scope telemetry sources declared in {@code inventory.yaml}, loaded and validated once; feeds attribution and the tracker. */
package io.watchfloor.coverage.inventory;
