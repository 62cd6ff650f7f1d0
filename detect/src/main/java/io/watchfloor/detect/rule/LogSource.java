package io.watchfloor.detect.rule;

/**
 * A Sigma log source: {@code product}, {@code service}, {@code category}, each nullable. Used both for a rule's
 * {@code logsource} and for the log source an inventory entry declares for its events.
 *
 * @param product e.g. {@code linux}, {@code windows}, {@code aws}
 * @param service e.g. {@code sshd}, {@code sudo}, {@code cloudtrail}
 * @param category e.g. {@code firewall}, {@code process_creation}
 */
public record LogSource(String product, String service, String category) {
    /** No declared log source: excludes nothing. */
    public static final LogSource ANY = new LogSource(null, null, null);

    /**
     * Routes an event to this rule log source: a component excludes the event only when both this rule and the
     * event's log source have a value for it and the values differ (case-insensitively).
     *
     * @param declared the event's declared log source, or null
     * @param appName the event's syslog app name ({@code process.name}), used as service when {@code declared} has
     *     none; {@code sshd(pam_unix)} and {@code sshd[12]} count as {@code sshd}
     * @return true when rules with this log source should see the event
     */
    public boolean admits(LogSource declared, String appName) {
        final LogSource d = declared == null ? ANY : declared;
        if (!compatible(product, d.product) || !compatible(category, d.category)) {
            return false;
        }
        if (service == null) {
            return true;
        }
        if (d.service != null) {
            return service.equalsIgnoreCase(d.service);
        }
        if (appName == null) {
            return true;
        }
        final int end = serviceEnd(appName);
        return end == service.length() && appName.regionMatches(true, 0, service, 0, end);
    }

    private static boolean compatible(String rule, String event) {
        return rule == null || event == null || rule.equalsIgnoreCase(event);
    }

    /** @return the length of the service name at the start of a syslog app name (up to {@code (} or {@code [}) */
    private static int serviceEnd(String appName) {
        for (int i = 0; i < appName.length(); i++) {
            final char c = appName.charAt(i);
            if (c == '(' || c == '[') {
                return i;
            }
        }
        return appName.length();
    }
}
