/** JMH benchmarks of source attribution in {@code io.watchfloor.coverage.attribution}. */
package io.watchfloor.bench.coverage.attribution;
