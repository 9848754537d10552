package org.civicdesk.customer.internal.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.civicdesk.customer.AccountSearch;
import org.civicdesk.customer.AccountSearchHit;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The account search box as JSON. */
@RestController
@RequestMapping("/api/v1/search")
@Tag(name = "Search", description = "Find accounts by number, name, address, phone or e-mail")
class AccountSearchApiController {

    private final AccountSearch search;

    AccountSearchApiController(AccountSearch search) {
        this.search = search;
    }

    record SearchResult(String query, List<AccountSearchHit> hits) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "Accounts matching an account number, name, service address, phone or e-mail (best first)")
    SearchResult search(@RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return new SearchResult(q.trim(), search.search(q, limit));
    }
}
