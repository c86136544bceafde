package io.detectionhub.sigma.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "0.0.0.0/0", "255.255.255.255/32", "192.168.1.1", " 10.0.0.0/8 ",
            "fe80::/10", "::/0", "::", "::1", "2001:db8::/32", "1:2:3:4:5:6:7:8/128", "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8", "::ffff:0:0/96", "::ffff:10.1.2.3", "1:2:3:4:5:6:1.2.3.4", "FE80::ABCD/64"})
    void validNetworks(String text) {
        assertTrue(Cidr.parse(text).isPresent(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0/8", "10.0.0.0.0", "256.0.0.0",
            "010.0.0.1", "10.0.0.0/+8", "10.0.0.0/0008", "10.0.0.0/-0", "1.2.3.4 /8", "fe80:::1/64", "1::2::3",
            "fe80::/129", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "12345::", "1.2.3.4::",
            "::1.2.3.4:1", "g::", "\uff11::", "fe80::1%eth0", "[::1]", "example.com", "10.0.0.\u0661"})
    void invalidNetworks(String text) {
        assertFalse(Cidr.parse(text).isPresent(), text);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false", "192.168.1.128/25, 192.168.1.200, true",
            "192.168.1.128/25, 192.168.1.100, false", "0.0.0.0/0, 8.8.8.8, true", "0.0.0.0/0, ::1, false",
            "fe80::/10, FE80::1ff:fe23:4567:890a, true", "fe80::/10, fec0::1, false", "fe80::/10, fe80::1%eth0, true",
            "fe80::/10, [fe80::1], true", "::ffff:0:0/96, ::ffff:10.1.2.3, true", "::ffff:0:0/96, 10.1.2.3, false",
            "1.2.3.4, 1.2.3.4, true", "1.2.3.4, 1.2.3.5, false", "10.0.0.0/8, ' 10.1.1.1 ', true",
            "10.0.0.0/8, 010.1.1.1, false", "10.0.0.0/8, 10.1.1, false", "10.0.0.0/8, host10, false"})
    void addressesInsideTheNetwork(String network, String address, boolean inside) {
        assertTrue(Cidr.parse(network).orElseThrow().contains(address) == inside, network + " " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.2.3.4%eth0", "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb:cccc:dddd:eeee"})
    void textThatIsNoAddress(String text) {
        assertNull(Cidr.ADDRESS.apply(text));
    }
}
