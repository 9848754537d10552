package org.civicdesk.web.internal;

import java.util.Arrays;
import java.util.List;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.identity.StaffDirectory;
import org.civicdesk.identity.StaffRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what the signed-in user's roles allow, and what waits for them. */
@Controller
class HomeController {

    record Tile(String title, String description, String href, Permission permission) {
    }

    /** Every page a role may reach from home; later modules add theirs here. */
    static final List<Tile> TILES = List.of(
            new Tile("Start service", "A new customer or an existing one, at any premise.", "/service/start", Permission.SERVICE_START_STOP),
            new Tile("Cases", "Inquiries, complaints and disputes: yours and all open ones, overdue first.", "/cases", Permission.CASE_MANAGE),
            new Tile("Approvals", "Requests waiting for you, and your own requests.", "/approvals", Permission.STAFF_HOME),
            new Tile("Cashiering", "Your drawer: open it, take payments at the window, print receipts, close it.", "/cashiering", Permission.PAYMENT_TAKE),
            new Tile("Drawers and deposit", "Every drawer of the day, over/short approvals, turn-in and the deposit.", "/cashiering/drawers", Permission.DRAWER_SUPERVISE),
            new Tile("Daily Cash Report", "A business day's drawers, funds, deposit and its tie-out to the ledger.", "/cashiering/daily-cash-report", Permission.CASH_REPORT_VIEW),
            new Tile("Payment files", "Remittance, ACH returns, autopay, returned checks and bank statements.", "/cashiering/files", Permission.PAYMENT_FILES),
            new Tile("Suspense", "Payments that matched no account: research, apply or refund.", "/cashiering/suspense", Permission.SUSPENSE_WORK),
            new Tile("Bill runs", "Trial and issue runs per billing cycle, with live progress and exceptions.", "/bill-runs", Permission.BILLING_VIEW),
            new Tile("Tariffs", "Rate schedules and their versions; the what-would-this-cost calculator.", "/tariffs", Permission.BILLING_VIEW),
            new Tile("Meters", "Meters, installs, exchanges and reads.", "/meters", Permission.BILLING_VIEW),
            new Tile("Import reads", "A read file: each line accepted, held as an exception or rejected.", "/reads/import", Permission.READS_ENTER),
            new Tile("Read exceptions", "Held reads to accept, correct or send for a reread.", "/reads/exceptions", Permission.READS_ENTER),
            new Tile("Dispatch board", "Today's field orders by area and specialist: assign, schedule, live status.", "/dispatch", Permission.FIELD_ORDERS_VIEW),
            new Tile("My field orders", "Your orders for today: on my way, complete with the read, or could not do.", "/field", Permission.FIELD_ORDER_UPDATE),
            new Tile("Trial balance", "Balances by GL fund and date, on screen and as CSV.", "/ledger/trial-balance", Permission.LEDGER_VIEW),
            new Tile("Journal entries", "Every posting, with its lines and reversals.", "/ledger/entries", Permission.LEDGER_VIEW),
            new Tile("Manual journal entry", "Post a correction; large ones need a second person.", "/ledger/entries/new", Permission.LEDGER_POST_MANUAL),
            new Tile("Accounting periods", "Which months are open or closed.", "/ledger/periods", Permission.LEDGER_VIEW),
            new Tile("Fee schedule", "The city's fees in force on any date, with their history.", "/fees", Permission.STAFF_HOME),
            new Tile("Audit trail", "Who changed what, when and from where.", "/audit", Permission.AUDIT_VIEW),
            new Tile("Staff users", "Create, disable and reset users; assign roles.", "/admin/users", Permission.USERS_ADMIN),
            new Tile("Change my password", "Choose a new password.", "/account/password", Permission.STAFF_HOME));

    private final Approvals approvals;
    private final StaffDirectory staff;

    HomeController(Approvals approvals, StaffDirectory staff) {
        this.approvals = approvals;
        this.staff = staff;
    }

    @GetMapping("/")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String home(Authentication auth, Model model) {
        model.addAttribute("username", auth.getName());
        model.addAttribute("displayName", staff.displayName(auth.getName()).orElse(auth.getName()));
        model.addAttribute("roleTitles", auth.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> Arrays.stream(StaffRole.values()).filter(r -> ("ROLE_" + r.name()).equals(a))
                        .map(StaffRole::title).findFirst().orElse(a.substring(5)))
                .sorted().toList());
        model.addAttribute("tiles", TILES.stream().filter(t -> CurrentStaff.has(t.permission())).toList());
        model.addAttribute("inboxCount", approvals.inboxForCurrentUser().size());
        return "home";
    }
}
