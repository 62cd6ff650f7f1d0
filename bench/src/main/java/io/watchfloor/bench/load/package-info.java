/**
 * A load generator that sends numbered events to Watchfloor's listeners (syslog TCP/UDP, HTTP NDJSON) and reports
 * rate and acknowledgement latency; {@code watchfloor journal seqcheck} then verifies completeness.
 */
package io.watchfloor.bench.load;
