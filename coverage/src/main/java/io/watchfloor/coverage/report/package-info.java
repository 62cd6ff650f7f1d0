/**
 * Coverage over a period, computed from the gap ledger, the inventory's windows and exceptions and the monitor's own
 * downtime; feeds {@code GET /api/coverage/report}.
 */
package io.watchfloor.coverage.report;
