package io.watchfloor.detect.extract;

import java.util.HashMap;
import java.util.Map;

/**
 * Every field a {@link MessageExtractor} can pull out of a message, under its Watchfloor field path: ECS names
 * where ECS has one, otherwise the names Elastic's system module uses ({@code system.auth.*}). A mapping path that
 * names one of these reads it from the message when the event's log source runs an extractor providing it.
 */
public enum MessageField {
    USER_NAME("user.name"),
    USER_TARGET_NAME("user.target.name"),
    SOURCE_ADDRESS("source.address"),
    SOURCE_IP("source.ip"),
    SOURCE_PORT("source.port"),
    DESTINATION_IP("destination.ip"),
    DESTINATION_PORT("destination.port"),
    NETWORK_TRANSPORT("network.transport"),
    INGRESS_INTERFACE("observer.ingress.interface.name"),
    EGRESS_INTERFACE("observer.egress.interface.name"),
    EVENT_OUTCOME("event.outcome"),
    EVENT_ACTION("event.action"),
    PROCESS_COMMAND_LINE("process.command_line"),
    SSH_EVENT("system.auth.ssh.event"),
    SSH_METHOD("system.auth.ssh.method"),
    SUDO_TTY("system.auth.sudo.tty"),
    SUDO_PWD("system.auth.sudo.pwd"),
    SUDO_USER("system.auth.sudo.user"),
    SUDO_COMMAND("system.auth.sudo.command"),
    SUDO_ERROR("system.auth.sudo.error"),
    PAM_TTY("system.auth.pam.tty"),
    PAM_RUSER("system.auth.pam.ruser"),
    HTTP_METHOD("http.request.method"),
    HTTP_VERSION("http.version"),
    HTTP_STATUS("http.response.status_code"),
    HTTP_BODY_BYTES("http.response.body.bytes"),
    HTTP_REFERRER("http.request.referrer"),
    URL_ORIGINAL("url.original"),
    URL_PATH("url.path"),
    URL_QUERY("url.query"),
    URL_DOMAIN("url.domain"),
    USER_AGENT("user_agent.original");

    private static final MessageField[] VALUES = values();
    private static final Map<String, MessageField> BY_PATH = new HashMap<>();

    static {
        for (MessageField f : VALUES) {
            BY_PATH.put(f.path, f);
        }
    }

    private final String path;

    MessageField(String path) {
        this.path = path;
    }

    /** @return the Watchfloor field path, e.g. {@code user.name} */
    public String path() {
        return path;
    }

    /** @return the field whose path is {@code path}, or null */
    public static MessageField ofPath(String path) {
        return BY_PATH.get(path);
    }

    /** @return how many fields there are (ordinals run from 0) */
    public static int count() {
        return VALUES.length;
    }

    static MessageField of(int ordinal) {
        return VALUES[ordinal];
    }
}
