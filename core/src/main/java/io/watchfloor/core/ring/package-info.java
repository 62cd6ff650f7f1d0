/** The Disruptor ring of reusable event slots, its publishers and its stages (parse, journal, analyze). */
package io.watchfloor.core.ring;
