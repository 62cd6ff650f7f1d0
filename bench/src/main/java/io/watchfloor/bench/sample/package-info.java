/** Synthetic inputs shaped like real traffic (syslog lines, events, an inventory) that the benchmarks share. */
package io.watchfloor.bench.sample;
