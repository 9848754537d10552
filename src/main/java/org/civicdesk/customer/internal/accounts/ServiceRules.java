package org.civicdesk.customer.internal.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The business rules of accounts and service, free of Spring and the database. */
final class ServiceRules {

    /** A caller counts as verified for this long after the specialist recorded how. */
    static final Duration VERIFICATION_WINDOW = Duration.ofMinutes(30);

    private ServiceRules() {
    }

    /**
     * An expired identity document proves nothing: it is refused on the day after its expiry date. A document
     * without an expiry date (some consular and tribal ids) is accepted.
     */
    static Optional<String> expiredDocument(LocalDate expiresOn, LocalDate today) {
        if (expiresOn != null && expiresOn.isBefore(today)) {
            return Optional.of("The identity document expired on " + expiresOn + "; ask for a current one");
        }
        return Optional.empty();
    }

    /**
     * The bill due day is a day of the month from 1 to 28, so that it exists in every month, February too.
     * (city-profile.md sets the due date at the bill date plus 21 days and is silent on a chosen day; this is
     * the city's rule for customers who pick their day.)
     */
    static Optional<String> dueDayOutOfRange(Integer day) {
        if (day != null && (day < 1 || day > 28)) {
            return Optional.of("The bill due day is a day from 1 to 28");
        }
        return Optional.empty();
    }

    /** Service cannot stop before it started. */
    static Optional<String> stopBeforeStart(LocalDate stopDate, LocalDate startDate) {
        if (stopDate.isBefore(startDate)) {
            return Optional.of("The stop date " + stopDate + " is before the service started on " + startDate);
        }
        return Optional.empty();
    }

    /** An agreement starting today or earlier is active; a later one waits for its start date. */
    static String startStatus(LocalDate startDate, LocalDate today) {
        return startDate.isAfter(today) ? "PENDING_START" : "ACTIVE";
    }

    /** A stop on a later day waits for that day; a stop today or earlier is done. */
    static String stopStatus(LocalDate stopDate, LocalDate today) {
        return stopDate.isAfter(today) ? "PENDING_STOP" : "STOPPED";
    }

    /** Whether a verification recorded at that instant still covers the current contact. */
    static boolean verificationCurrent(Instant verifiedAt, Instant now) {
        return !verifiedAt.isBefore(now.minus(VERIFICATION_WINDOW)) && !verifiedAt.isAfter(now.plusSeconds(60));
    }

    /** Digits of a typed telephone number. */
    static String phoneDigits(String typed) {
        return typed == null ? "" : typed.replaceAll("[^0-9]", "");
    }

    /** A masked identifier: only the last four characters. */
    static String masked(String last4) {
        return last4 == null ? null : "****" + last4;
    }
}
