/** The Chronicle Queue journals: every accepted event's raw bytes and receive metadata, and text records. */
package io.watchfloor.core.journal;
