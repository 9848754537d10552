package org.civicdesk.ledger.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.ledger.Account;
import org.civicdesk.ledger.Fund;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ledger's REST API. Refusals become RFC 9457 problems (422 with errors, 404, 409). */
@RestController
@RequestMapping("/api/v1/ledger")
@Tag(name = "Ledger", description = "Journal entries, trial balance, receivables and accounting periods")
class LedgerApiController {

    record LineBody(String fund, String account, Side side, BigDecimal amount, Long receivableId, LocalDate dueDate,
            String memo) {
    }

    record EntryBody(LocalDate businessDate, String source, String memo, List<LineBody> lines) {
    }

    record ReasonBody(String reason) {
    }

    private final Ledger ledger;
    private final Clock clock;

    LedgerApiController(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @PostMapping("/journal-entries")
    @PreAuthorize("hasAuthority('LEDGER_POST_MANUAL')")
    @Operation(summary = "Post a journal entry",
            description = "Idempotency-Key header required: the same key and body return the original entry (200); "
                    + "the same key with another body is refused (422, code ledger.idempotency-key-reused).")
    ResponseEntity<LedgerJson.Entry> post(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody EntryBody body) {
        if (key == null || key.isBlank()) {
            throw new BusinessRuleViolation("ledger.idempotency-key-required", "Idempotency-Key",
                    "Send an Idempotency-Key header, one per entry, so a retry never posts twice");
        }
        PostedEntry entry = ledger.post(toRequest(key, body));
        LedgerJson.Entry json = LedgerJson.Entry.of(entry);
        return entry.replayed()
                ? ResponseEntity.ok(json)
                : ResponseEntity.created(URI.create("/api/v1/ledger/journal-entries/" + entry.id())).body(json);
    }

    private JournalEntryRequest toRequest(String key, EntryBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        List<JournalLineRequest> lines = new ArrayList<>();
        List<LineBody> bodies = body.lines() == null ? List.of() : body.lines();
        for (int i = 0; i < bodies.size(); i++) {
            LineBody l = bodies.get(i);
            String at = "lines[" + i + "].";
            if (l == null || l.amount() == null || l.amount().stripTrailingZeros().scale() > Money.SCALE) {
                problems.add(new FieldProblem(at + "amount", "Give an amount in dollars and cents, e.g. 125.40"));
                continue;
            }
            try {
                lines.add(new JournalLineRequest(l.fund(), l.account(), l.side(), Money.of(l.amount()),
                        l.receivableId(), l.dueDate(), l.memo()));
            } catch (BusinessRuleViolation e) {
                e.problems().forEach(p -> problems.add(new FieldProblem(at + p.field(), p.reason())));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("ledger.invalid-lines", "The entry cannot be posted: " + problems.get(0).reason(),
                    problems);
        }
        return new JournalEntryRequest(key, body.businessDate() == null ? LocalDate.now(clock) : body.businessDate(),
                body.source() == null || body.source().isBlank() ? "api" : body.source(), body.memo(), lines);
    }

    @GetMapping("/journal-entries/{id}")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "One journal entry with its lines")
    LedgerJson.Entry entry(@PathVariable long id) {
        return LedgerJson.Entry.of(ledger.entry(id));
    }

    @PostMapping("/journal-entries/{id}/reversal")
    @PreAuthorize("hasAuthority('LEDGER_POST_MANUAL')")
    @Operation(summary = "Reverse an entry on today's business date (409 when already reversed; 422 for a billing entry: bills are cancelled from the bill)")
    ResponseEntity<LedgerJson.Entry> reverse(@PathVariable long id, @RequestBody ReasonBody body) {
        PostedEntry reversal = StaffReversals.reverse(ledger, id, body == null ? null : body.reason());
        return ResponseEntity.created(URI.create("/api/v1/ledger/journal-entries/" + reversal.id()))
                .body(LedgerJson.Entry.of(reversal));
    }

    @GetMapping(path = "/trial-balance", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "Trial balance of a fund as of a date (JSON, or CSV with Accept: text/csv)")
    LedgerJson.Trial trialBalance(@RequestParam String fund, @RequestParam(required = false) LocalDate date) {
        return LedgerJson.Trial.of(ledger.trialBalance(fund, date));
    }

    @GetMapping(path = "/trial-balance", produces = "text/csv")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "Trial balance of a fund as of a date, as CSV")
    ResponseEntity<String> trialBalanceCsv(@RequestParam String fund, @RequestParam(required = false) LocalDate date) {
        TrialBalance tb = ledger.trialBalance(fund, date);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + TrialBalanceCsv.fileName(tb) + "\"")
                .body(TrialBalanceCsv.write(tb));
    }

    @GetMapping("/receivables/{id}")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "A receivable's balance and aging as of a date (default today)")
    LedgerJson.Receivable receivable(@PathVariable long id, @RequestParam(required = false) LocalDate asOf) {
        return LedgerJson.Receivable.of(ledger.receivableBalance(id, asOf));
    }

    @GetMapping("/periods")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "Accounting periods: the last 13 months and any closed or reopened before")
    List<LedgerJson.Period> periods() {
        return ledger.periods().stream().map(LedgerJson.Period::of).toList();
    }

    @PostMapping("/periods/{month}/close")
    @PreAuthorize("hasAuthority('LEDGER_CLOSE_PERIOD')")
    @Operation(summary = "Close a month (yyyy-MM); postings into it are refused until it is reopened")
    LedgerJson.Period close(@PathVariable String month, @RequestBody ReasonBody body) {
        return LedgerJson.Period.of(ledger.closePeriod(month(month), body == null ? null : body.reason()));
    }

    @PostMapping("/periods/{month}/reopen")
    @PreAuthorize("hasAuthority('LEDGER_CLOSE_PERIOD')")
    @Operation(summary = "Reopen a closed month (yyyy-MM), with a reason")
    LedgerJson.Period reopen(@PathVariable String month, @RequestBody ReasonBody body) {
        return LedgerJson.Period.of(ledger.reopenPeriod(month(month), body == null ? null : body.reason()));
    }

    static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new BusinessRuleViolation("ledger.month-invalid", "month", "Give the month as yyyy-MM, e.g. 2026-10");
        }
    }

    @GetMapping("/funds")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "The GL funds")
    List<Fund> funds() {
        return ledger.funds();
    }

    @GetMapping("/accounts")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    @Operation(summary = "The chart of accounts, of one fund or all")
    List<Account> accounts(@RequestParam(required = false) String fund) {
        return ledger.accounts(fund);
    }
}
