package org.civicdesk.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.platform.SearchProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The global search box: asks every module's provider and groups the hits. */
@Controller
class SearchController {

    private final List<SearchProvider> providers;

    SearchController(List<SearchProvider> providers) {
        this.providers = providers;
    }

    @GetMapping("/search")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String search(@RequestParam(name = "q", defaultValue = "") String q, Model model) {
        String query = q.trim();
        Map<String, List<SearchProvider.SearchHit>> results = new LinkedHashMap<>();
        if (query.length() >= 2) {
            for (SearchProvider provider : providers) {
                List<SearchProvider.SearchHit> hits = provider.search(query, 20);
                if (!hits.isEmpty()) {
                    results.put(provider.category(), hits);
                }
            }
        }
        model.addAttribute("q", query);
        model.addAttribute("tooShort", query.length() < 2);
        model.addAttribute("results", results);
        return "search";
    }
}
