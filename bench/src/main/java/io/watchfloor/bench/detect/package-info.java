/** JMH benchmarks of rule matching in {@code io.watchfloor.detect}. */
package io.watchfloor.bench.detect;
