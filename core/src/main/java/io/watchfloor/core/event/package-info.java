/** The ring's reusable event slot and its normalized fields, read by every stage after ingest. */
package io.watchfloor.core.event;
