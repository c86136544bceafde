package io.detectionhub.sigma.parser;

import java.util.regex.Pattern;

/** Validates IPv4 and IPv6 CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}) without any name resolution. */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEXTET = Pattern.compile("[0-9a-fA-F]{1,4}");

    private Cidr() {
    }

    /** True for an address with an optional prefix length (a bare address is a /32 or /128 network). */
    static boolean isValid(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        String prefix = slash < 0 ? null : value.substring(slash + 1);
        int maxPrefix;
        if (IPV4.matcher(address).matches()) {
            maxPrefix = 32;
        } else if (isIpv6(address)) {
            maxPrefix = 128;
        } else {
            return false;
        }
        if (prefix == null) {
            return true;
        }
        if (!prefix.matches("\\d{1,3}")) {
            return false;
        }
        return Integer.parseInt(prefix) <= maxPrefix;
    }

    private static boolean isIpv6(String address) {
        if (address.isEmpty() || address.chars().filter(c -> c == ':').count() < 2) {
            return false;
        }
        String hextets = address;
        int groups = 8;
        int lastColon = address.lastIndexOf(':');
        String tail = address.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!IPV4.matcher(tail).matches()) {
                return false;
            }
            hextets = address.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = hextets.indexOf("::");
        if (doubleColon >= 0 && hextets.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon >= 0) {
            String left = hextets.substring(0, doubleColon);
            String right = hextets.substring(doubleColon + 2);
            int count = countGroups(left) + countGroups(right);
            return count >= 0 && count < groups && allHextets(left) && allHextets(right);
        }
        return countGroups(hextets) == groups && allHextets(hextets);
    }

    private static int countGroups(String part) {
        return part.isEmpty() ? 0 : part.split(":", -1).length;
    }

    private static boolean allHextets(String part) {
        if (part.isEmpty()) {
            return true;
        }
        for (String group : part.split(":", -1)) {
            if (!HEXTET.matcher(group).matches()) {
                return false;
            }
        }
        return true;
    }
}
