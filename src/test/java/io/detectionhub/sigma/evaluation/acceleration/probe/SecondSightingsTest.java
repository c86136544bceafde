package io.detectionhub.sigma.evaluation.acceleration.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecondSightingsTest {

    @Test
    void aValueIsKeptFromItsSecondSighting() {
        SecondSightings seen = new SecondSightings(64);
        int svchost = "svchost.exe -k netsvcs".hashCode();
        assertFalse(seen.seenBefore(svchost));
        assertTrue(seen.seenBefore(svchost));
        assertTrue(seen.seenBefore(svchost));
        assertFalse(seen.seenBefore("svchost.exe -k DcomLaunch".hashCode()), "another value");
    }

    @Test
    void sizeIsAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SecondSightings(48));
    }
}
