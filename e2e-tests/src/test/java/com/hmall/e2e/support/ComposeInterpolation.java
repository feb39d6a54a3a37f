package com.hmall.e2e.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation as a student's shell sees it with nothing set: each
 * {@code ${X:-d}} and {@code ${X-d}} gives its default d, {@code $$} a dollar, anything else
 * nothing. Enough to read docker-compose.yml without a Docker engine, or to check it against the
 * Compose Specification as Compose will see it.
 */
public final class ComposeInterpolation {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private ComposeInterpolation() {
    }

    public static String withDefaults(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(2) != null && matcher.group(2).endsWith("-")) {
                replacement = matcher.group(3);
            } else {
                replacement = "";
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
