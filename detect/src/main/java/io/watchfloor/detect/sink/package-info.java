/**
 * Alert delivery: the sink contract and the alert log that journals alerts, appends them to a JSONL file and
 * answers the most recent ones to the API.
 */
package io.watchfloor.detect.sink;
