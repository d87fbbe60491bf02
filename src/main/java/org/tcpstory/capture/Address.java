package org.tcpstory.capture;

/**
 * An IPv4 or IPv6 address as a value: two longs, so connections can be keyed by it without an object per
 * byte array. IPv4 addresses sit in the low 32 bits.
 */
public record Address(long high, long low, boolean ipv6) implements Comparable<Address> {

    static Address ipv4(byte[] b, int at) {
        return new Address(0, Bytes.u32(b, at), false);
    }

    static Address ipv6(byte[] b, int at) {
        return new Address(Bytes.u64(b, at), Bytes.u64(b, at + 8), true);
    }

    @Override
    public int compareTo(Address other) {
        int c = Boolean.compare(ipv6, other.ipv6);
        if (c == 0) {
            c = Long.compareUnsigned(high, other.high);
        }
        return c != 0 ? c : Long.compareUnsigned(low, other.low);
    }

    /** Dotted quad, or IPv6 as RFC 5952 writes it: lower case, the longest run of zero groups as {@code ::}. */
    @Override
    public String toString() {
        if (!ipv6) {
            return (low >>> 24 & 0xff) + "." + (low >>> 16 & 0xff) + "." + (low >>> 8 & 0xff) + "." + (low & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i) & 0xffff);
            groups[i + 4] = (int) (low >>> (48 - 16 * i) & 0xffff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is written out, never as ::
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
