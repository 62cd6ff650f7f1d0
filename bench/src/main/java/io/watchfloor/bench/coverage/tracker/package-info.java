/** JMH benchmarks of the coverage tracker in {@code io.watchfloor.coverage.tracker}. */
package io.watchfloor.bench.coverage.tracker;
