/**
 * Compiled Sigma detection logic: value matchers, field predicates, selections and conditions evaluated
 * against a per-event field view; fed by {@code detect.rule}, used by the detection engine.
 */
package io.watchfloor.detect.match;
