/**
 * Syslog parsing on the parse stage: reads RFC 5424, RFC 3164 and their real-world variants from an event's raw
 * bytes into {@link io.watchfloor.core.event.SyslogFields} offsets, without allocating, for detection and coverage.
 */
package io.watchfloor.ingest.syslog;
