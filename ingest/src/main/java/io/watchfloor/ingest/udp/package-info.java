/** The syslog UDP listener: one datagram is one message, published into the ring or dropped and counted when it is full. */
package io.watchfloor.ingest.udp;
