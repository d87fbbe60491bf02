package org.tcpstory.engine;

import java.util.List;

/**
 * The options of a segment on the wire, their numbers resolved.
 *
 * @param mss    the MSS announced, or {@code null}
 * @param wscale the shift count announced (capped at 14), or {@code null}
 * @param sack   the SACK blocks, most recent first
 * @param tsVal  TSval, or {@code null} without timestamps
 * @param tsEcr  TSecr, or {@code null} without timestamps
 */
record WireOptions(Long mss, Integer wscale, boolean sackOk, List<Range> sack, Value tsVal, Value tsEcr) {

    static final WireOptions NONE = new WireOptions(null, null, false, List.of(), null, null);

    WireOptions {
        sack = List.copyOf(sack);
    }

    boolean hasTimestamps() {
        return tsVal != null;
    }

    /** Octets from {@code left} up to {@code right}, exclusive. */
    record Range(Value left, Value right) {
    }
}
