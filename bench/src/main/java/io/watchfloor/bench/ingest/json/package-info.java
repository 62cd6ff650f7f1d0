/** JMH benchmarks of the JSON event parser in {@code io.watchfloor.ingest.json}. */
package io.watchfloor.bench.ingest.json;
