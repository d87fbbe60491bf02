package org.tcpstory.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the engine tracks and checks congestion windows: {@code congestion: reno} in a chapter's front
 * matter or in {@code _index.md} turns RFC 5681 on for both peers; without it, cwnd is neither tracked nor
 * checked, as most stories about the handshake and flow control would not want.
 */
public enum CongestionControl {
    NONE("none"),
    RENO("reno");

    private final String id;

    CongestionControl(String id) {
        this.id = id;
    }

    /** The name authors write. */
    public String id() {
        return id;
    }

    /** By the name an author wrote, in any case. */
    public static Optional<CongestionControl> parse(String written) {
        String key = written.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(key)).findFirst();
    }

    /** {@code none, reno}. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(CongestionControl::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
