package cn.elicense;

/**
 * Told of a login's state after every poll of
 * {@link ElicenseClient#waitForLogin(String, java.time.Duration, LoginProgress)}, on the waiting
 * thread. Return false to cancel the wait; an exception thrown here cancels it too and is
 * rethrown by {@code waitForLogin}.
 */
@FunctionalInterface
public interface LoginProgress {
    /**
     * @param state the login's state after this poll
     * @param elapsedMillis milliseconds waited so far
     * @return true to go on waiting, false to cancel
     */
    boolean onProgress(LoginState state, long elapsedMillis);
}
