package org.civicdesk.customer.internal.letters;

import java.util.List;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.internal.casework.AccountRecords;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.stereotype.Component;

/** The letters section of the account screen (order 70). */
@Component
class LettersSection implements AccountScreenSection {

    /** What the letters fragment shows. */
    public record LettersData(String accountNumber, List<Letters.Letter> letters, boolean canSend) {
    }

    private final Letters letters;
    private final AccountRecords accounts;

    LettersSection(Letters letters, AccountRecords accounts) {
        this.letters = letters;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public String template() {
        return "customer/letters";
    }

    @Override
    public String selector() {
        return "letters";
    }

    @Override
    public Object data(long accountId) {
        if (!CurrentStaff.has(Permission.CUSTOMER_VIEW)) {
            return null;
        }
        List<Letters.Letter> all = letters.forAccount(accountId);
        return new LettersData(accounts.byId(accountId).accountNumber(), all.subList(0, Math.min(all.size(), 10)),
                CurrentStaff.has(Permission.LETTER_SEND));
    }
}
