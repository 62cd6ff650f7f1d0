/**
 * The detection stage: evaluates loaded Sigma rules (and the correlation rules over their matches) on each
 * normalized event and hands alerts to the sinks.
 */
package io.watchfloor.detect;
