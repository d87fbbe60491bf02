package org.tcpstory.diagram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs numbered tasks on a few threads and hands their results over one by one, in the order of their
 * numbers, on the calling thread. Only a few tasks run ahead of the one being handed over, so memory stays
 * bounded however many there are; what is handed over never depends on which thread finished first.
 */
public final class RenderPool {

    /** Receives the results in order; a result is the task's value, or the failure {@link Future#get} reports. */
    @FunctionalInterface
    public interface Handover<T, X extends Exception> {
        void accept(int index, Future<T> result) throws X, InterruptedException;
    }

    private final int threads;

    /** @param threads how many tasks run at once (at least 1) */
    public RenderPool(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** One thread per processor: drawing diagrams and rendering pages is CPU-bound. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code count} tasks and hands each result over in order. When the handover throws, the tasks
     * not handed over yet are cancelled and the exception is passed on.
     *
     * @param tasks the task of each number, created on the calling thread just before it is submitted
     */
    public <T, X extends Exception> void run(int count, IntFunction<Callable<T>> tasks, Handover<T, X> handover)
            throws X, InterruptedException {
        run(count, i -> null, tasks, handover);
    }

    /**
     * Runs the tasks whose result is not at hand already, and hands every result over in order. A result at
     * hand (a page kept from the last render, say) is handed over as it is, in its turn, and takes no thread:
     * a preview that renders one page of a thousand hands the other 999 over without a thread switch each.
     *
     * @param ready the result of a number when it is at hand, else null; asked on the calling thread
     * @param tasks the task of a number whose result is not at hand, created just before it is submitted
     */
    public <T, X extends Exception> void run(int count, IntFunction<T> ready, IntFunction<Callable<T>> tasks,
                                             Handover<T, X> handover) throws X, InterruptedException {
        if (count == 0) {
            return;
        }
        ExecutorService pool = null;
        Deque<Future<T>> pending = new ArrayDeque<>();
        int window = threads * 3;
        int submitted = 0;
        try {
            for (int next = 0; next < count; next++) {
                while (submitted < count && submitted < next + window) {
                    T done = ready.apply(submitted);
                    if (done != null) {
                        pending.addLast(CompletableFuture.completedFuture(done));
                    } else {
                        if (pool == null) {
                            pool = Executors.newFixedThreadPool(Math.min(threads, count), new Named());
                        }
                        pending.addLast(pool.submit(tasks.apply(submitted)));
                    }
                    submitted++;
                }
                handover.accept(next, pending.removeFirst());
            }
        } finally {
            pending.forEach(f -> f.cancel(true));
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The value of a result, or what its task threw: an Error as it is, anything else wrapped in the
     * {@link ExecutionException} {@link Future#get} gives.
     */
    public static <T> T valueOf(Future<T> result) throws ExecutionException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Daemon threads with a recognisable name: a stuck render never keeps the JVM alive. */
    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "tcpstory-render-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
