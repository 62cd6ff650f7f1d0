/** Splits TCP byte streams and UDP datagrams into syslog frames (RFC 6587 / RFC 5426) for the listeners and the CLI. */
package io.watchfloor.ingest.framing;
