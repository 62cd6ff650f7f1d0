package io.watchfloor.coverage.inventory;

/** How much a silent source matters; written lowercase in {@code inventory.yaml}. */
public enum Criticality {
    /** Nice to have. */
    LOW("low"),
    /** The default when {@code criticality} is not given. */
    MEDIUM("medium"),
    /** Its silence should be looked at the same day. */
    HIGH("high"),
    /** Its silence is an incident. */
    CRITICAL("critical");

    /** Used when a source does not declare one. */
    public static final Criticality DEFAULT = MEDIUM;

    private static final Criticality[] VALUES = values();
    private final String id;

    Criticality(String id) {
        this.id = id;
    }

    /** @return the lowercase name used in YAML and JSON */
    public String id() {
        return id;
    }

    /** @return the criticality named {@code id} (lowercase), or null when there is none */
    public static Criticality ofId(String id) {
        for (Criticality c : VALUES) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }
}
