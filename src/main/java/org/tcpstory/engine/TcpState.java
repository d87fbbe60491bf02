package org.tcpstory.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The eleven states of RFC 9293 §3.3.2, as plain values: the name, what the state means, and what
 * follows from being in it. What a segment does in each state is {@link Receiver}'s to decide, so this
 * public type, which diagrams and pages use as well, carries no engine behaviour.
 */
public enum TcpState {
    // The order counts: pages number the states in it, and isSynchronized takes ESTABLISHED and what follows.
    CLOSED("no connection exists: the TCB is deleted, and any segment but a RST is answered with a RST"),
    LISTEN("waiting for a connection request from any remote TCP"),
    SYN_SENT("a SYN has been sent; waiting for the matching SYN (and the ACK of ours)"),
    SYN_RECEIVED("a SYN has been received and answered; waiting for the ACK of our SYN"),
    ESTABLISHED("the connection is open: data flows both ways"),
    FIN_WAIT_1("we have sent our FIN; waiting for its ACK or the other side's FIN"),
    FIN_WAIT_2("our FIN is acknowledged; waiting for the other side's FIN (we may still receive data)"),
    CLOSE_WAIT("the other side has sent its FIN; waiting for our own CLOSE (we may still send data)"),
    CLOSING("both sides sent a FIN at once; waiting for the ACK of ours"),
    LAST_ACK("we sent our FIN after the other side's; waiting for its ACK"),
    TIME_WAIT("both FINs are acknowledged; waiting 2MSL so that old segments die and a lost last ACK can be repeated");

    private final String meaning;

    TcpState(String meaning) {
        this.meaning = meaning;
    }

    /** ESTABLISHED and every state after it (§3.3.2). */
    public boolean isSynchronized() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    /** Whether this peer's own FIN has been sent. */
    boolean finSent() {
        return this == FIN_WAIT_1 || this == FIN_WAIT_2 || this == CLOSING || this == LAST_ACK || this == TIME_WAIT;
    }

    /** The name as RFC 9293 writes it: {@code FIN-WAIT-1}. */
    public String displayName() {
        return name().replace('_', '-');
    }

    /** What the state means, in one sentence. */
    public String meaning() {
        return meaning;
    }

    /**
     * Reads a state as authors write it: any case, {@code _} for {@code -}, and {@code SYN-RCVD} for
     * SYN-RECEIVED.
     */
    public static Optional<TcpState> parse(String written) {
        String key = written.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("SYN_RCVD")) {
            return Optional.of(SYN_RECEIVED);
        }
        for (TcpState state : values()) {
            if (state.name().equals(key)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
