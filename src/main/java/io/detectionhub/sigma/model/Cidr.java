package io.detectionhub.sigma.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * An IPv4 or IPv6 network in CIDR notation, the value of the {@code cidr} modifier: {@code 10.0.0.0/8},
 * {@code fe80::/10}, or a bare address standing for a /32 or /128 network. This is the one definition of a valid
 * network: the parser validates rules with it and the evaluation matches event addresses with it.
 * <p>
 * Addresses are read from their literal text only, never resolved through DNS: IPv4 as four decimal numbers 0-255
 * without leading zeros (as Python's {@code ipaddress}, which pySigma uses: {@code 010} could mean 8 or 10), IPv6 as
 * up to eight groups of one to four hexadecimal digits with at most one {@code ::}, optionally ending in an IPv4
 * address. IPv4-mapped IPv6 addresses are not folded into IPv4.
 */
public final class Cidr {

    private static final int MAX_ADDRESS_LENGTH = 64;

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The network written as {@code address[/prefix]} (surrounding spaces ignored), or empty when it is not one. */
    public static Optional<Cidr> parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? t : t.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.length * 8;
        if (slash < 0) {
            return Optional.of(new Cidr(address, bits));
        }
        int prefix = decimal(t.substring(slash + 1), 3);
        return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new Cidr(address, prefix));
    }

    /**
     * An address as events write it, or null when the text is not one: the address syntax above, with surrounding
     * spaces, square brackets ({@code [::1]}) and an IPv6 zone ({@code fe80::1%eth0}) allowed.
     */
    public static final Function<String, byte[]> ADDRESS = Cidr::eventAddress;

    private static byte[] eventAddress(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > MAX_ADDRESS_LENGTH) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        return parseAddress(s);
    }

    /** True when the text is an address ({@link #ADDRESS}) inside this network. */
    public boolean contains(String addressText) {
        return contains(ADDRESS.apply(addressText));
    }

    /** True when the address (as {@link #ADDRESS} parses it; null for text that is not one) is in this network. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    private static byte[] parseAddress(String s) {
        if (s.isEmpty() || s.length() > MAX_ADDRESS_LENGTH) {
            return null;
        }
        return s.indexOf(':') >= 0 ? parseIpv6(s) : parseIpv4(s);
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = octet(parts[i]);
            if (octet < 0) {
                return null;
            }
            out[i] = (byte) octet;
        }
        return out;
    }

    /** A decimal number 0-255 without a leading zero, or -1. */
    private static int octet(String p) {
        if (p.length() > 1 && p.charAt(0) == '0') {
            return -1;
        }
        int value = decimal(p, 3);
        return value <= 255 ? value : -1;
    }

    /** One to {@code maxDigits} ASCII decimal digits, or -1. */
    private static int decimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static byte[] parseIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        boolean compressed = doubleColon >= 0;
        int[] head = groups(compressed ? s.substring(0, doubleColon) : s, !compressed);
        int[] tail = compressed ? groups(s.substring(doubleColon + 2), true) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (compressed ? total > 7 : total != 8) {
            return null;
        }
        byte[] out = new byte[16];
        int at = 0;
        for (int g : head) {
            out[at++] = (byte) (g >> 8);
            out[at++] = (byte) g;
        }
        at = 16 - tail.length * 2;
        for (int g : tail) {
            out[at++] = (byte) (g >> 8);
            out[at++] = (byte) g;
        }
        return out;
    }

    /**
     * Colon-separated groups of one to four hexadecimal digits; with {@code endsAddress}, a dotted IPv4 address may
     * close them and counts as two groups. Null when the text is not that.
     */
    private static int[] groups(String s, boolean endsAddress) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        String last = parts[parts.length - 1];
        boolean ipv4 = endsAddress && last.indexOf('.') >= 0;
        int[] out = new int[parts.length + (ipv4 ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (ipv4 && i == parts.length - 1) {
                byte[] v4 = parseIpv4(last);
                if (v4 == null) {
                    return null;
                }
                out[i] = (v4[0] & 0xFF) << 8 | v4[1] & 0xFF;
                out[i + 1] = (v4[2] & 0xFF) << 8 | v4[3] & 0xFF;
            } else {
                out[i] = hexGroup(parts[i]);
                if (out[i] < 0) {
                    return null;
                }
            }
        }
        return out;
    }

    /** One to four ASCII hexadecimal digits, or -1. */
    private static int hexGroup(String p) {
        if (p.isEmpty() || p.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < p.length(); i++) {
            int d = hexDigit(p.charAt(i));
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    @Override
    public String toString() {
        return Arrays.toString(network) + "/" + prefix;
    }
}
