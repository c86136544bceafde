package io.detectionhub.sigma.kql.target;

import java.util.List;
import java.util.Map;

/** A change applied to a Sigma value before it is compared with a column that stores it differently. */
public sealed interface ValueTransform
        permits ValueTransform.Basename, ValueTransform.SplitDomain, ValueTransform.ValueMap,
        ValueTransform.ReplacePrefix {

    /** Short keyword used in the target format and in explanations. */
    String keyword();

    /**
     * The column holds only the file name of a path: {@code endswith '\cmd.exe'} becomes {@code =~ "cmd.exe"}; a
     * value without a path separator is compared as is; other path conditions cannot be expressed.
     */
    record Basename() implements ValueTransform {
        @Override
        public String keyword() {
            return "basename";
        }
    }

    /**
     * The column holds the user name without the domain, the domain is in {@code domainColumn}: an exact
     * {@code DOMAIN\\user} value becomes {@code domainColumn =~ "DOMAIN" and column =~ "user"}.
     */
    record SplitDomain(String domainColumn) implements ValueTransform {
        @Override
        public String keyword() {
            return "split-domain";
        }
    }

    /** Exact values are replaced (compared case-insensitively), e.g. Sysmon's {@code SetValue} to {@code RegistryValueSet}. */
    record ValueMap(Map<String, String> values) implements ValueTransform {
        public ValueMap {
            values = Map.copyOf(values);
        }

        @Override
        public String keyword() {
            return "map";
        }

        public String apply(String value) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(value)) {
                    return e.getValue();
                }
            }
            return value;
        }
    }

    /**
     * A leading prefix is rewritten (first matching prefix wins, compared case-insensitively), e.g. {@code HKLM} to
     * {@code HKEY_LOCAL_MACHINE} for registry keys.
     */
    record ReplacePrefix(List<Prefix> prefixes) implements ValueTransform {
        public ReplacePrefix {
            prefixes = List.copyOf(prefixes);
        }

        @Override
        public String keyword() {
            return "replace-prefix";
        }

        public String apply(String value) {
            for (Prefix p : prefixes) {
                if (value.regionMatches(true, 0, p.from(), 0, p.from().length())) {
                    String rest = value.substring(p.from().length());
                    // only whole path segments: HKLM\ or HKLM at the end, never HKLMX
                    if (rest.isEmpty() || rest.startsWith("\\")) {
                        return p.to() + rest;
                    }
                }
            }
            return value;
        }
    }

    record Prefix(String from, String to) {
    }
}
