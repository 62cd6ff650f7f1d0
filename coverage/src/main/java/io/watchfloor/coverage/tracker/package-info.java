/** Tracks which inventory sources report, opens and closes coverage gaps on TICK events, and publishes coverage snapshots for the API. */
package io.watchfloor.coverage.tracker;
