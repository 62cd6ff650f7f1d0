/**
 * Correlation rules on the event stream: matches of detection rules (and of inner correlations) are grouped and
 * counted in event-time windows, and feed correlation alerts back to the detect stage.
 */
package io.watchfloor.detect.correlation;
