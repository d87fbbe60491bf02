package org.tcpstory.capture;

/** One end of a connection: an address and a port. */
public record Endpoint(Address address, int port) implements Comparable<Endpoint> {

    @Override
    public int compareTo(Endpoint other) {
        int c = address.compareTo(other.address);
        return c != 0 ? c : Integer.compare(port, other.port);
    }

    /** {@code 127.0.0.1:8000}, or {@code [::1]:8000}. */
    @Override
    public String toString() {
        return address.ipv6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
