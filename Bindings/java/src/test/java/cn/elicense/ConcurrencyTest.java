package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** One client shared by the threads of a web application. */
class ConcurrencyTest {
    private static final int THREADS = 8;

    @Test
    void eightThreadsShareOneClient() throws Exception {
        String grant = TestEnv.grant();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (ElicenseClient client = TestEnv.client()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int done = 0;
                    for (int i = 0; i < 10; i++) {
                        assertEquals("sandbox", client.whoami().getProfile());
                        assertEquals(TestEnv.DEMO_USCC, client.fetchLicense(grant).getUscc());
                        // Each thread's last error is its own: the message is this thread's failure.
                        Uscc.Report report = Uscc.validate("91350100M000100Y44");
                        assertTrue(report.getMessage().contains("第18位"), report.getMessage());
                        ElicenseBusinessException e = org.junit.jupiter.api.Assertions.assertThrows(
                                ElicenseBusinessException.class, () -> client.fetchLicense("gr_forged"));
                        assertEquals(Status.GRANT_INVALID, e.getStatus(), e.getMessage());
                        done++;
                    }
                    return done;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(120, TimeUnit.SECONDS);
            }
            assertEquals(THREADS * 10, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingWhileOtherThreadsCallIsSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            ElicenseClient client = TestEnv.client();
            AtomicInteger succeeded = new AtomicInteger();
            CountDownLatch running = new CountDownLatch(THREADS);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<String> worker = () -> {
                    running.countDown();
                    while (true) {
                        try {
                            client.whoami();
                            Uscc.validate("91370102MA01ELC161");
                            succeeded.incrementAndGet();
                        } catch (ElicenseClientClosedException closed) {
                            return closed.getMessage();
                        }
                    }
                };
                results.add(pool.submit(worker));
            }
            running.await();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (succeeded.get() < THREADS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(succeeded.get() >= THREADS, "the workers got going: " + succeeded.get());
            client.close();
            for (Future<String> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS).contains("closed"));
            }
            client.close();
        } finally {
            pool.shutdownNow();
        }
    }
}
