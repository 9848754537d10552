package org.civicdesk.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a sign-in must wait. Failures count per user name and address, so an attacker elsewhere cannot lock a
 * real user out at their own desk; a much higher count across all addresses slows a spread-out attack. Every
 * wait ends: it grows 1, 2, 4 ... minutes with each failure past the limit and never exceeds the maximum, and
 * failures older than the window are forgotten.
 */
record LoginThrottlePolicy(int maxFailures, Duration window, Duration maxLock, int maxFailuresAllAddresses) {

    /**
     * @param failuresFromAddress failure instants for this user name from this address, newest first
     * @param failuresAllAddresses number of failures for this user name from any address in the window
     * @return the instant until which sign-in is refused, if it is refused now
     */
    Optional<Instant> lockedUntil(List<Instant> failuresFromAddress, long failuresAllAddresses, Instant now) {
        List<Instant> recent = failuresFromAddress.stream().filter(t -> t.isAfter(now.minus(window))).toList();
        Optional<Instant> local = lockAfter(recent.size(), maxFailures, recent.isEmpty() ? null : recent.get(0));
        Optional<Instant> global = failuresAllAddresses >= maxFailuresAllAddresses && !recent.isEmpty()
                ? Optional.of(recent.get(0).plus(maxLock))
                : Optional.empty();
        return java.util.stream.Stream.of(local, global).flatMap(Optional::stream)
                .filter(until -> until.isAfter(now)).max(Instant::compareTo);
    }

    private Optional<Instant> lockAfter(int failures, int limit, Instant lastFailure) {
        if (failures < limit || lastFailure == null) {
            return Optional.empty();
        }
        int excess = Math.min(failures - limit, 20);
        Duration lock = Duration.ofMinutes(1L << excess);
        if (lock.compareTo(maxLock) > 0) {
            lock = maxLock;
        }
        return Optional.of(lastFailure.plus(lock));
    }
}
