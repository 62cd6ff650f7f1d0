/** The syslog TCP listener: frames each connection's byte stream and publishes frames into the ring, pausing reads when it is full. */
package io.watchfloor.ingest.tcp;
