package org.tcpstory.story;

import java.util.Optional;

/** The TCP control bits an author can write, in the order a segment label shows them. */
public enum Flag {
    SYN, FIN, RST, PSH, ACK, URG;

    /** Flags are written in upper case only: lower-case {@code ack} is the acknowledgment-number field. */
    public static Optional<Flag> fromName(String word) {
        for (Flag flag : values()) {
            if (flag.name().equals(word)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
