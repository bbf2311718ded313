package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** waitForLogin honours Thread.interrupt(): a container shutdown or a cancelled request frees the thread. */
class InterruptTest {
    /** The sandbox front advises polling every 2 s; C adds 250 ms; one poll on localhost is quick. */
    private static final long ONE_POLL_INTERVAL_MS = 4_000;

    private static ElicenseClient client;

    @BeforeAll
    static void open() {
        client = TestEnv.client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void anInterruptedWaiterEndsWithinAPollIntervalWithItsFlagSet() throws Exception {
        LoginSession login = client.startLogin(TestEnv.PURPOSE); // never scanned: stays pending
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                client.waitForLogin(login.getId(), Duration.ofMinutes(1));
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        }, "login-waiter");
        waiter.start();
        Thread.sleep(1_000); // the waiter has polled once and sleeps in C until the next poll
        assertTrue(waiter.isAlive(), "a pending login keeps the waiter waiting");
        long interruptedAt = System.nanoTime();
        waiter.interrupt();
        waiter.join(15_000);
        long tookMs = (System.nanoTime() - interruptedAt) / 1_000_000;
        assertFalse(waiter.isAlive(), "the waiter still waits 15 s after its interrupt");
        assertTrue(tookMs < ONE_POLL_INTERVAL_MS, "the waiter ended " + tookMs + " ms after its interrupt");

        ElicenseCancelledException e = assertInstanceOf(ElicenseCancelledException.class, thrown.get());
        assertEquals(Status.CANCELLED, e.getStatus());
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertTrue(e.getMessage().contains("中断") && e.getMessage().contains("interrupted"), e.getMessage());
        assertTrue(flagAfter.get(), "the interrupt flag is restored");
    }

    @Test
    void anInterruptedWaiterStopsAlsoWhenItsProgressSaysGoOn() throws Exception {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                client.waitForLogin(login.getId(), Duration.ofMinutes(1), (state, elapsed) -> true);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "login-waiter");
        waiter.start();
        Thread.sleep(1_000);
        waiter.interrupt();
        waiter.join(15_000);
        assertFalse(waiter.isAlive(), "the waiter still waits 15 s after its interrupt");
        assertInstanceOf(InterruptedException.class, assertInstanceOf(ElicenseCancelledException.class, thrown.get()).getCause());
    }

    @Test
    void aThreadInterruptedBeforeTheWaitThrowsAtOnceAndStaysInterrupted() {
        LoginSession login = client.startLogin(TestEnv.PURPOSE);
        Thread.currentThread().interrupt();
        try {
            long started = System.nanoTime();
            ElicenseCancelledException e = assertThrows(ElicenseCancelledException.class,
                    () -> client.waitForLogin(login.getId(), Duration.ofMinutes(1)));
            assertTrue(System.nanoTime() - started < 1_000_000_000L, "no poll before throwing");
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        } finally {
            Thread.interrupted(); // leave the test runner's thread as it was
        }
        // The login stays usable: nothing reached the front.
        assertEquals(LoginState.PENDING, client.pollLogin(login.getId()).getState());
    }
}
