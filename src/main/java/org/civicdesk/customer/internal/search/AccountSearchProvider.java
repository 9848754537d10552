package org.civicdesk.customer.internal.search;

import java.util.List;
import org.civicdesk.customer.AccountSearch;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.SearchProvider;
import org.springframework.stereotype.Component;

/** Accounts in the global search box, for staff who may view customers. */
@Component
class AccountSearchProvider implements SearchProvider {

    private final AccountSearch search;

    AccountSearchProvider(AccountSearch search) {
        this.search = search;
    }

    @Override
    public String category() {
        return "Accounts";
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        if (!CurrentStaff.has(Permission.CUSTOMER_VIEW)) {
            return List.of();
        }
        return search.search(query, limit).stream()
                .map(h -> new SearchHit(h.accountNumber() + " " + h.customerName(),
                        (h.serviceAddress().isEmpty() ? "no service address" : h.serviceAddress())
                                + (h.status().equals("ACTIVE") ? "" : " (" + h.status().toLowerCase() + ")"),
                        h.href()))
                .toList();
    }
}
