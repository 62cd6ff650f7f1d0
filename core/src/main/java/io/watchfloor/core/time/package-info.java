/** The injected wall clock that stamps receive times and drives TICK events. */
package io.watchfloor.core.time;
