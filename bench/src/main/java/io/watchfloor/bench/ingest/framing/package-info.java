/** JMH benchmarks of the syslog framers in {@code io.watchfloor.ingest.framing}, with Netty and naive baselines. */
package io.watchfloor.bench.ingest.framing;
