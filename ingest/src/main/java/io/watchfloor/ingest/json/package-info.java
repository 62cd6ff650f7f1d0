/** Validates and flattens one JSON object per event into dotted-path fields for the HTTP listener and the parse stage. */
package io.watchfloor.ingest.json;
