package org.civicdesk.collections.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.Letters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The letter of each deposit step through customer's Letters, in the account's language (templates seeded by
 * the collections migrations): DEPOSIT_REQUIRED, SURETY_BOND_PENDING, DEPOSIT_CREDITED, DEPOSIT_APPLIED.
 * civicdesk.collections.deposit-letters=false turns them off (the benchmark, which measures the postings).
 */
@Component
class DepositLetters {

    private final Letters letters;
    private final boolean enabled;

    DepositLetters(Letters letters, @Value("${civicdesk.collections.deposit-letters:true}") boolean enabled) {
        this.letters = letters;
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** Sends the letter in the caller's transaction; the id, or null when letters are off. */
    Long send(long accountId, String template, String amount, String dueDate, String message) {
        if (!enabled) {
            return null;
        }
        return letters.send(accountId, template, values(amount, dueDate, message), LetterDelivery.AUTO).id();
    }

    /** The letter to send among many (with {@link #sendAll}). */
    Letters.Request request(long accountId, String template, String amount, String dueDate, String message) {
        return new Letters.Request(accountId, template, values(amount, dueDate, message), LetterDelivery.AUTO);
    }

    /** Sends a chunk's letters together in the caller's transaction; nothing when letters are off. */
    void sendAll(java.util.List<Letters.Request> requests) {
        if (enabled && !requests.isEmpty()) {
            letters.sendAll(requests);
        }
    }

    private static Map<String, String> values(String amount, String dueDate, String message) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("amount", amount);
        if (dueDate != null) {
            values.put("dueDate", dueDate);
        }
        values.put("message", message == null || message.isBlank() ? "Thank you for being a City of Mesa utility customer." : message);
        return values;
    }
}
