package org.tcpstory.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "00000000000000000000000000000001;::1",
        "20010db8000000000000000000000001;2001:db8::1",
        "20010db8000000010000000000000001;2001:db8:0:1::1",  // the longer run of zeros is the one shortened
        "20010db8000000000001000000000001;2001:db8::1:0:0:1", // the first of two equal runs
        "20010db80000000100010001000100010;2001:db8:0:1:1:1:1:1",
        "fe800000000000000000000000000000;fe80::",
        "00000000000000000000000000000000;::"})
    void writesIpv6AsRfc5952Does(String hex, String expected) {
        String h = hex.substring(0, 32);
        Address address = new Address(Long.parseUnsignedLong(h.substring(0, 16), 16),
                Long.parseUnsignedLong(h.substring(16), 16), true);
        assertEquals(expected, address.toString());
    }

    @org.junit.jupiter.api.Test
    void writesIpv4AsADottedQuad() {
        assertEquals("192.168.0.255", new Address(0, 0xc0a800ffL, false).toString());
        assertEquals("[::1]:80", new Endpoint(new Address(0, 1, true), 80).toString());
    }
}
