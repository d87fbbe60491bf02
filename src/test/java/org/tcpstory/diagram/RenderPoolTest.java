package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderPoolTest {

    @Test
    void resultsAreHandedOverInTheOrderOfTheirNumbersWhicheverFinishesFirst() throws Exception {
        List<Integer> handed = new ArrayList<>();
        // The early numbers take longest, so a later one always finishes first.
        new RenderPool(3).run(12, i -> () -> {
            Thread.sleep((12 - i) * 3L);
            return i * 10;
        }, (i, result) -> {
            assertEquals(i * 10, RenderPool.valueOf(result));
            handed.add(i);
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), handed);
    }

    @Test
    void resultsAtHandTakeTheirTurnWithoutTheirTaskOrAThread() throws Exception {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> handed = new ArrayList<>();
        new RenderPool(2).run(6, i -> i % 3 == 0 ? null : "kept " + i, i -> () -> {
            ran.add(i);
            threads.add(Thread.currentThread().getName());
            return "drawn " + i;
        }, (i, result) -> handed.add(RenderPool.valueOf(result)));
        assertEquals(List.of("drawn 0", "kept 1", "kept 2", "drawn 3", "kept 4", "kept 5"), handed);
        assertEquals(Set.of(0, 3), ran);
        assertTrue(threads.stream().allMatch(t -> t.startsWith("tcpstory-render-")), threads.toString());

        AtomicInteger tasks = new AtomicInteger();
        List<String> allKept = Collections.synchronizedList(new ArrayList<>());
        new RenderPool(2).run(4, i -> "kept " + i, i -> () -> {
            tasks.incrementAndGet();
            return "drawn";
        }, (i, result) -> allKept.add(Thread.currentThread().getName() + " " + RenderPool.valueOf(result)));
        assertEquals(0, tasks.get());
        String caller = Thread.currentThread().getName();
        assertEquals(List.of(caller + " kept 0", caller + " kept 1", caller + " kept 2", caller + " kept 3"), allKept);
    }

    @Test
    void aFailedTaskReachesTheHandoverAndAThrowingHandoverStopsTheRest() {
        List<Integer> handed = new ArrayList<>();
        IllegalStateException stop = assertThrows(IllegalStateException.class, () -> new RenderPool(2).run(50,
                i -> () -> {
                    if (i == 3) {
                        throw new IllegalArgumentException("task 3 failed");
                    }
                    return i;
                }, (i, result) -> {
                    try {
                        RenderPool.valueOf(result);
                        handed.add(i);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e.getCause().getMessage());
                    }
                }));
        assertEquals("task 3 failed", stop.getMessage());
        assertEquals(List.of(0, 1, 2), handed);
    }
}
