package io.watchfloor.coverage.inventory;

/**
 * The Sigma log source a source feeds ({@code logsource: {product: pfsense, category: firewall}}); each part
 * may be null. Used to find detection rules that go blind when the source is silent.
 *
 * @param product Sigma {@code product}, or null
 * @param service Sigma {@code service}, or null
 * @param category Sigma {@code category}, or null
 */
public record LogSourceRef(String product, String service, String category) {
}
