/** Netty event-loop groups and channel classes (epoll when available, else NIO) shared by every ingest listener. */
package io.watchfloor.ingest.transport;
