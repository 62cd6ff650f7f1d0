/** JMH benchmarks of the event journal in {@code io.watchfloor.core.journal}. */
package io.watchfloor.bench.core.journal;
