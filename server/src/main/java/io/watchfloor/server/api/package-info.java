/** The HTTP API on port 8080: coverage, gaps, stats, alerts, Prometheus metrics and health probes. */
package io.watchfloor.server.api;
