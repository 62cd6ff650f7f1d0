/** Joins the modules into a running Watchfloor: validation, ring stages, restart replay, listeners and API. */
package io.watchfloor.server.wiring;
