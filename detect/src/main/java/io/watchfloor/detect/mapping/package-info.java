/**
 * Field mapping as data: which event fields a Sigma field name reads (e.g. {@code Image} →
 * {@code Event.EventData.Image}) and which event field values a rule log source implies; feeds the field view.
 */
package io.watchfloor.detect.mapping;
