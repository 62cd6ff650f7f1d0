/**
 * The detection stage: evaluates loaded Sigma rules on each normalized event and hands alerts to the sinks.
 */
package io.watchfloor.detect;
