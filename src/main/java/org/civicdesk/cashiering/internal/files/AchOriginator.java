package org.civicdesk.cashiering.internal.files;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The city as an ACH originator: its bank (the ODFI) and the identity its debit files carry, as agreed with the
 * bank. Autopay's PPD file and the portal's WEB file share them, so their trace numbers share the originating
 * bank's 8-digit prefix and must never repeat across the two.
 */
@Component
public class AchOriginator {

    private final String bankRouting;
    private final String bankName;
    private final String origin;
    private final String companyName;
    private final String companyId;

    AchOriginator(@Value("${civicdesk.cashiering.ach.bank-routing:122105278}") String bankRouting,
            @Value("${civicdesk.cashiering.ach.bank-name:City Bank}") String bankName,
            @Value("${civicdesk.cashiering.ach.origin:1860000001}") String origin,
            @Value("${civicdesk.cashiering.ach.company-name:CITY UTILITIES}") String companyName,
            @Value("${civicdesk.cashiering.ach.company-id:1860000001}") String companyId) {
        this.bankRouting = bankRouting;
        this.bankName = bankName;
        this.origin = origin;
        this.companyName = companyName;
        this.companyId = companyId;
    }

    public String bankRouting() {
        return bankRouting;
    }

    public String bankName() {
        return bankName;
    }

    public String origin() {
        return origin;
    }

    public String companyName() {
        return companyName;
    }

    public String companyId() {
        return companyId;
    }

    /** The first 8 digits of the city bank's routing number: every trace number starts with them. */
    public String originatingDfi() {
        return bankRouting.substring(0, 8);
    }
}
