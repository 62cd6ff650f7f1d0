/** Loads and validates {@code watchfloor.yaml}, naming the file and YAML path of every error. */
package io.watchfloor.server.config;
