package io.detectionhub.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles, from least to most: each may do what the ones before it may (a hierarchy). A viewer browses, searches,
 * downloads and evaluates; an editor also changes rules, enrichment and targets; an admin also manages accounts, API
 * keys and catalogues and reads the audit log. Whatever signs someone in (password, API key, single sign-on) ends in
 * one of these authorities.
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    /** The name in forms, JSON and the database: {@code viewer}, {@code editor}, {@code admin}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, {@code ROLE_VIEWER} etc. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> fromKeyword(String keyword) {
        if (keyword == null) {
            return Optional.empty();
        }
        String k = keyword.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.keyword().equals(k)).findFirst();
    }

    /** The highest role among Spring Security authorities ({@code ROLE_EDITOR} ...), if any. */
    public static Optional<Role> highestOf(Iterable<String> authorities) {
        Role highest = null;
        for (String authority : authorities) {
            for (Role r : values()) {
                if (r.authority().equals(authority) && (highest == null || r.includes(highest))) {
                    highest = r;
                }
            }
        }
        return Optional.ofNullable(highest);
    }
}
