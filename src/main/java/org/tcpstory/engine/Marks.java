package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.List;

/** The {@link StepMark}s of the event being processed. */
final class Marks {

    private final List<StepMark> current = new ArrayList<>(2);

    void add(StepMark.Kind kind, String peer) {
        current.add(new StepMark(kind, peer, 0));
    }

    void duplicateAck(String peer, int count) {
        current.add(new StepMark(StepMark.Kind.DUPLICATE_ACK, peer, count));
    }

    /** Hands over what was marked since the last call. */
    List<StepMark> drain() {
        if (current.isEmpty()) {
            return List.of();
        }
        List<StepMark> marks = List.copyOf(current);
        current.clear();
        return marks;
    }
}
