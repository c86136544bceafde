package io.detectionhub.sigma.kql.target;

import java.util.List;
import java.util.Map;

/** A change applied to a Sigma value before it is compared with a column that stores it differently. */
public sealed interface ValueTransform
        permits ValueTransform.Basename, ValueTransform.SplitDomain, ValueTransform.ValueMap,
        ValueTransform.ReplacePrefix, ValueTransform.RegistryPath, ValueTransform.RegistryData, ValueTransform.UrlPart {

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
     * {@code DOMAIN\\user} value becomes {@code domainColumn =~ "DOMAIN" and column =~ "user"}; an exact value or a
     * suffix without a backslash is compared with the user name; any other pattern with the joined
     * {@code DOMAIN\\user} (so that a pattern may hit the domain part).
     */
    record SplitDomain(String domainColumn) implements ValueTransform {
        @Override
        public String keyword() {
            return "split-domain";
        }
    }

    /**
     * Exact values are replaced (compared case-insensitively), e.g. Sysmon's {@code SetValue} to
     * {@code RegistryValueSet}; a value may stand for several (Sysmon's {@code Initiated: true} for Defender's
     * outbound action types), any of which matches.
     */
    record ValueMap(Map<String, List<String>> values) implements ValueTransform {
        public ValueMap {
            Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            values = java.util.Collections.unmodifiableMap(copy);
        }

        @Override
        public String keyword() {
            return "map";
        }

        /** The values the column holds for {@code value} (the value itself when it is not mapped). */
        public List<String> apply(String value) {
            for (Map.Entry<String, List<String>> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(value)) {
                    return e.getValue();
                }
            }
            return List.of(value);
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

        /**
         * Inside a pattern ({@code contains 'HKLM\\SOFTWARE'}) only named roots are rewritten: a prefix added to
         * every value (an empty {@code from}, as Defender's pipe device path) belongs at the start of the value only.
         */
        public String applyNamedRoot(String value) {
            return new ReplacePrefix(prefixes.stream().filter(p -> !p.from().isEmpty()).toList()).apply(value);
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

    /**
     * The column holds a registry key and {@code valueNameColumn} the value name, where Sysmon's {@code TargetObject}
     * is the key followed by {@code \\value name} for value events: patterns are compared with that joined path.
     * {@code previousKeyColumn}/{@code previousValueNameColumn} (optional) hold the key and value name of deleted ones
     * (Defender leaves {@code RegistryKey} empty there).
     */
    record RegistryPath(String valueNameColumn, String previousKeyColumn, String previousValueNameColumn)
            implements ValueTransform {
        @Override
        public String keyword() {
            return "value-name";
        }
    }

    /**
     * The column holds registry data as the value itself (Defender: {@code 1}), where Sysmon renders it with its type
     * ({@code DWORD (0x00000001)}, {@code QWORD (0x00000000-0x00000001)}) and an empty string as {@code (Empty)}.
     */
    record RegistryData() implements ValueTransform {
        @Override
        public String keyword() {
            return "registry-data";
        }
    }

    /**
     * The column holds a whole URL (path and query, as ASIM's {@code Url}) where the Sigma field is one part of it:
     * {@code path} is the text before the first {@code ?}, {@code query} the text after it.
     */
    record UrlPart(String part) implements ValueTransform {
        public static final String PATH = "path";
        public static final String QUERY = "query";

        @Override
        public String keyword() {
            return "url-part";
        }
    }
}
