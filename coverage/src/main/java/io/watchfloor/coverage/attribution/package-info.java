/** Attributes each parsed event to the first inventory source whose criteria match; runs on the parse stage and feeds the tracker. */
package io.watchfloor.coverage.attribution;
