package io.watchfloor.coverage.inventory;

/** The coverage category of a source, as written in {@code inventory.yaml} and the API. */
public enum Category {
    /** Directory, authentication and access (LDAP, SSO, sshd, PAM). */
    IDENTITY("identity"),
    /** Servers and workstations (EDR, OS audit logs). */
    ENDPOINT("endpoint"),
    /** Firewalls, proxies, DNS, VPN. */
    NETWORK("network"),
    /** Cloud control planes and SaaS audit trails. */
    CLOUD("cloud"),
    /** Business applications and their audit logs. */
    APPLICATION("application");

    private static final Category[] VALUES = values();
    private final String id;

    Category(String id) {
        this.id = id;
    }

    /** @return the lowercase name used in YAML and JSON */
    public String id() {
        return id;
    }

    /** @return the category named {@code id} (lowercase), or null when there is none */
    public static Category ofId(String id) {
        for (Category c : VALUES) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }
}
