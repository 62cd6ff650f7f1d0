/** The {@code watchfloor} command line: serve, validate, parse. */
package io.watchfloor.server.cli;
