/**
 * Alert records: what a matched rule or a coverage transition raises, rendered as an ECS-style JSON document;
 * fed to {@code detect.sink}.
 */
package io.watchfloor.detect.alert;
