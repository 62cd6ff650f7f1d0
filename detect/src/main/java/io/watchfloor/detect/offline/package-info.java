/**
 * Offline rule testing, as detection engineers run it before deploying: corpus load totals, matching rules against
 * a JSON event file, and SigmaHQ-style regression data; used by the {@code rules} CLI, never on the live stream.
 */
package io.watchfloor.detect.offline;
