package org.tcpstory.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The eleven states of RFC 9293 §3.3.2. Like a parser's tokeniser states, each constant handles a
 * segment that arrives while a peer is in it ({@link #receive}); the steps shared by the synchronized
 * states live in {@link Receiver}, which calls back into the per-state hooks below.
 */
public enum TcpState {
    CLOSED("no connection exists: the TCB is deleted, and any segment but a RST is answered with a RST") {
        @Override
        void receive(Receiver in) {
            in.closedPort();
        }
    },
    LISTEN("waiting for a connection request from any remote TCP") {
        @Override
        void receive(Receiver in) {
            in.listen();
        }
    },
    SYN_SENT("a SYN has been sent; waiting for the matching SYN (and the ACK of ours)") {
        @Override
        void receive(Receiver in) {
            in.synSent();
        }
    },
    SYN_RECEIVED("a SYN has been received and answered; waiting for the ACK of our SYN") {
        @Override
        boolean ackArrived(Receiver in) {
            return in.ackInSynReceived();
        }
    },
    ESTABLISHED("the connection is open: data flows both ways") {
        @Override
        void finArrived(Receiver in) {
            in.transition(CLOSE_WAIT, Rule.FIN_RECEIVED);
        }
    },
    FIN_WAIT_1("we have sent our FIN; waiting for its ACK or the other side's FIN") {
        @Override
        boolean ackArrived(Receiver in) {
            if (!in.ackAdvances()) {
                return false;
            }
            if (in.ourFinAcked() && !in.finInOrder()) {
                in.transition(FIN_WAIT_2, Rule.FIN_ACKED_IN_FIN_WAIT_1);
            }
            return true;
        }

        @Override
        void finArrived(Receiver in) {
            if (!in.ourFinAcked()) {
                in.transition(CLOSING, Rule.SIMULTANEOUS_CLOSE);
            } else if (in.choices().finAckedByFinInFinWait1()) {
                in.transition(TIME_WAIT, Rule.FIN_AND_ACK_IN_FIN_WAIT_1);
            } else {
                in.transition(FIN_WAIT_2, Rule.FIN_ACKED_IN_FIN_WAIT_1);
                in.transition(TIME_WAIT, Rule.FIN_IN_FIN_WAIT_2);
            }
        }
    },
    FIN_WAIT_2("our FIN is acknowledged; waiting for the other side's FIN (we may still receive data)") {
        @Override
        void finArrived(Receiver in) {
            in.transition(TIME_WAIT, Rule.FIN_IN_FIN_WAIT_2);
        }
    },
    CLOSE_WAIT("the other side has sent its FIN; waiting for our own CLOSE (we may still send data)"),
    CLOSING("both sides sent a FIN at once; waiting for the ACK of ours") {
        @Override
        boolean ackArrived(Receiver in) {
            if (!in.ackAdvances()) {
                return false;
            }
            if (in.ourFinAcked()) {
                in.transition(TIME_WAIT, Rule.FIN_ACKED_IN_CLOSING);
            }
            return true;
        }
    },
    LAST_ACK("we sent our FIN after the other side's; waiting for its ACK") {
        @Override
        boolean ackArrived(Receiver in) {
            if (!in.ackAdvances()) {
                return false;
            }
            if (in.ourFinAcked()) {
                in.transition(CLOSED, Rule.FIN_ACKED_IN_LAST_ACK);
                return false;
            }
            return true;
        }
    },
    TIME_WAIT("both FINs are acknowledged; waiting 2MSL so that old segments die and a lost last ACK can be repeated") {
        @Override
        void finArrived(Receiver in) {
            in.note(Rule.FIN_AGAIN_IN_TIME_WAIT);
        }
    };

    private final String meaning;

    TcpState(String meaning) {
        this.meaning = meaning;
    }

    /** Processes a segment that arrives in this state (RFC 9293 §3.10.7). */
    void receive(Receiver in) {
        in.otherStates();
    }

    /** Step five of §3.10.7.4 for this state; returns whether processing goes on to the text and FIN. */
    boolean ackArrived(Receiver in) {
        return in.ackAdvances();
    }

    /**
     * Step eight of §3.10.7.4: a FIN in order has arrived and RCV.NXT has advanced over it. CLOSE-WAIT,
     * CLOSING and LAST-ACK stay where they are.
     */
    void finArrived(Receiver in) {
        in.note(Rule.FIN_RECEIVED);
    }

    /** Whether step seven takes the text of a segment in this state. */
    boolean acceptsText() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
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
