package org.civicdesk.customer.internal.casework;

import java.util.List;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.Cases;
import org.civicdesk.customer.Contacts;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contacts (order 50) and cases (order 60) sections of the account screen. */
@Configuration(proxyBeanMethods = false)
class CaseworkSections {

    /** What the contacts fragment shows. */
    public record ContactsData(String accountNumber, List<Contacts.Contact> contacts, boolean canLog) {
    }

    /** What the cases fragment shows. */
    public record CasesData(String accountNumber, List<Cases.Case> cases, String openDisputed, boolean canOpen) {
    }

    static final int RECENT_CONTACTS = 10;

    @Bean
    AccountScreenSection contactsSection(Contacts contacts, AccountRecords accounts) {
        return new Section(50, "contacts") {
            @Override
            public Object data(long accountId) {
                if (!CurrentStaff.has(Permission.CUSTOMER_VIEW)) {
                    return null;
                }
                return new ContactsData(accounts.byId(accountId).accountNumber(),
                        contacts.recentForAccount(accountId, RECENT_CONTACTS), CurrentStaff.has(Permission.CUSTOMER_EDIT));
            }
        };
    }

    @Bean
    AccountScreenSection casesSection(Cases cases, AccountRecords accounts) {
        return new Section(60, "cases") {
            @Override
            public Object data(long accountId) {
                if (!CurrentStaff.has(Permission.CUSTOMER_VIEW)) {
                    return null;
                }
                var disputed = cases.openDisputedAmount(accountId);
                return new CasesData(accounts.byId(accountId).accountNumber(), cases.forAccount(accountId),
                        disputed.isZero() ? null : disputed.formatted(), CurrentStaff.has(Permission.CASE_MANAGE));
            }
        };
    }

    private abstract static class Section implements AccountScreenSection {
        private final int order;
        private final String selector;

        Section(int order, String selector) {
            this.order = order;
            this.selector = selector;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public String template() {
            return "customer/casework";
        }

        @Override
        public String selector() {
            return selector;
        }
    }
}
