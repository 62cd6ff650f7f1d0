/** JMH benchmarks of the syslog parsers in {@code io.watchfloor.ingest.syslog}. */
package io.watchfloor.bench.ingest.syslog;
