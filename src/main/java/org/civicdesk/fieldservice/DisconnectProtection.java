package org.civicdesk.fieldservice;

import java.time.LocalDate;
import java.util.List;

/**
 * Asked before any disconnect for non-payment is created (by staff, the API or a job): why the account may
 * not be disconnected on the day. Collections implements it with its disconnect policy; field service knows
 * nothing of collections' rules.
 */
public interface DisconnectProtection {

    /**
     * The policy's reasons when the disconnect is refused, or an empty list when it may go ahead.
     *
     * @param serviceType the service to cut, or null for every disconnectable service of the account
     */
    List<String> refusal(String accountNumber, String serviceType, LocalDate day);
}
