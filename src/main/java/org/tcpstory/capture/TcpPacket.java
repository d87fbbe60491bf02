package org.tcpstory.capture;

/**
 * One TCP segment of a capture, decoded: where it went, its flags and numbers as on the wire (the window
 * field unscaled), and how many payload octets it carried (from the IP header: the capture may have kept
 * fewer).
 */
public record TcpPacket(long number, long timestampNanos, Endpoint source, Endpoint destination, int flags,
                        long seq, long ack, int window, int payload, TcpOptions options) {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    /** ECN: congestion experienced, echoed (RFC 3168). */
    public static final int ECE = 0x40;
    /** ECN: congestion window reduced. */
    public static final int CWR = 0x80;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence numbers it takes: its payload, plus one each for SYN and FIN. */
    public long sequenceLength() {
        return payload + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    /** The flags as tcpdump writes them: {@code S}, {@code S.}, {@code P.}, {@code F.}, {@code R}. */
    public String flagText() {
        StringBuilder text = new StringBuilder();
        text.append(has(SYN) ? "S" : "").append(has(FIN) ? "F" : "").append(has(PSH) ? "P" : "")
                .append(has(RST) ? "R" : "").append(has(URG) ? "U" : "").append(has(ECE) ? "E" : "")
                .append(has(CWR) ? "W" : "").append(has(ACK) ? "." : "");
        return text.length() == 0 ? "none" : text.toString();
    }
}
