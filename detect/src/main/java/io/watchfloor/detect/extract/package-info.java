/**
 * Message field extractors: hand parsers that pull named fields (user, source address, command…) out of
 * well-known syslog message formats (sshd, sudo, cron, PAM, su, netfilter, web access logs); the field mapping
 * runs the one its log source names, and the field view reads their fields.
 */
package io.watchfloor.detect.extract;
