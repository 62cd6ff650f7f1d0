/**
 * Sigma rule loading: reads {@code *.yml} rule files, compiles each detection into {@code detect.match} objects
 * and rejects bad rules one by one with a named reason; feeds the detection engine.
 */
package io.watchfloor.detect.rule;
