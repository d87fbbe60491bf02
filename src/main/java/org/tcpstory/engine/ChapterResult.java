package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tcpstory.diagnostic.Diagnostic;
import org.tcpstory.story.Chapter;

/**
 * The engine's verdict on one chapter: a step per event and every diagnostic, in source order.
 *
 * @param peers         the peer ids in the order of the front matter
 * @param initialStates each peer's state when the chapter starts
 */
public record ChapterResult(Chapter chapter, List<String> peers, List<TcpState> initialStates, List<Step> steps,
                            List<Diagnostic> diagnostics) {

    public ChapterResult {
        peers = List.copyOf(peers);
        initialStates = List.copyOf(initialStates);
        steps = List.copyOf(steps);
        diagnostics = List.copyOf(diagnostics);
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics.size() - errorCount();
    }

    public boolean isValid() {
        return errorCount() == 0;
    }

    /** The states one peer passes through, in order, starting with its initial state. */
    public List<TcpState> path(String peer) {
        int index = peers.indexOf(peer);
        List<TcpState> path = new ArrayList<>();
        if (index < 0) {
            return path;
        }
        path.add(initialStates.get(index));
        for (Step step : steps) {
            for (PeerChange change : step.changes()) {
                if (change.peer().equals(peer) && change.changesState()) {
                    path.add(change.after());
                }
            }
        }
        return path;
    }

    /** Every state any peer is in at some point of the chapter. */
    public Set<TcpState> statesVisited() {
        Set<TcpState> visited = new LinkedHashSet<>();
        for (String peer : peers) {
            visited.addAll(path(peer));
        }
        return visited;
    }
}
