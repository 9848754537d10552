package org.civicdesk.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail for supervisors and administrators: a page and the same search over REST. */
@Controller
@Tag(name = "Audit trail")
class AuditController {

    private final AuditSearch search;

    AuditController(AuditSearch search) {
        this.search = search;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasAuthority('AUDIT_VIEW')")
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String recordType,
            @RequestParam(required = false) String recordId, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long beforeId, Model model) {
        AuditSearch.Criteria criteria = new AuditSearch.Criteria(actor, recordType, recordId, action, from, to, beforeId);
        List<AuditSearch.Row> rows = search.search(criteria);
        model.addAttribute("c", criteria);
        model.addAttribute("rows", rows);
        model.addAttribute("nextBeforeId", rows.size() == AuditSearch.PAGE ? rows.get(rows.size() - 1).id() : null);
        return "audit/search";
    }

    @GetMapping(path = "/api/v1/audit-events", produces = "application/json")
    @ResponseBody
    @PreAuthorize("hasAuthority('AUDIT_VIEW')")
    @Operation(summary = "Search the audit trail (newest first, 100 per page; pass beforeId to page on)")
    List<AuditSearch.Row> api(@RequestParam(required = false) String actor, @RequestParam(required = false) String recordType,
            @RequestParam(required = false) String recordId, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long beforeId) {
        return search.search(new AuditSearch.Criteria(actor, recordType, recordId, action, from, to, beforeId));
    }
}
