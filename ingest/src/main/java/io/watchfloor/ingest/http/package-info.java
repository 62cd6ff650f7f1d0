/** The HTTP ingest listener: {@code POST /ingest} NDJSON bodies validated per line, published into the ring and acknowledged after the journal append. */
package io.watchfloor.ingest.http;
