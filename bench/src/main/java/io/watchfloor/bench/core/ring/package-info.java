/** JMH benchmarks of the event ring in {@code io.watchfloor.core.ring}. */
package io.watchfloor.bench.core.ring;
