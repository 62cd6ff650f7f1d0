package io.watchfloor.detect.rule;

import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.regex.Pattern;

/**
 * Resolves only {@code true}/{@code false} and null implicitly; every other plain scalar stays a string.
 *
 * <p>Sigma is YAML 1.2 and compares all values as strings, so SnakeYAML's YAML 1.1 resolution would be wrong:
 * it reads {@code yes}/{@code on} as booleans, {@code 0042} as the integer 42 and {@code 2024-01-02} as a Date.
 */
final class SigmaYamlResolver extends Resolver {
    private static final Pattern BOOL_1_2 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL_1_2, "tTfF", 10);
        addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
        addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
        addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
}
