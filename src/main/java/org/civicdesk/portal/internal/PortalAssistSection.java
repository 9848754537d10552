package org.civicdesk.portal.internal;

import java.util.List;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.Accounts;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.stereotype.Component;

/**
 * The account screen's Portal access section (order 140): the portal logins linked to the account, their status
 * and last sign-in, with a specialist's help (send a reset link, unlock, unlink) for holders of PORTAL_ASSIST.
 */
@Component
class PortalAssistSection implements AccountScreenSection {

    /** What templates/portal/staff-section.html shows. */
    public record PortalAccessData(String accountNumber, List<LoginRow> logins, boolean mayAssist) {
    }

    /** One login, its instants shown in the city's time. */
    public record LoginRow(long loginId, String email, String status, boolean totpEnabled, String linkedOn,
            String lastSignedIn) {
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PortalAccounts portal;
    private final Accounts accounts;
    private final org.civicdesk.platform.BusinessTime time;

    PortalAssistSection(PortalAccounts portal, Accounts accounts, org.civicdesk.platform.BusinessTime time) {
        this.portal = portal;
        this.accounts = accounts;
        this.time = time;
    }

    @Override
    public int order() {
        return 140;
    }

    @Override
    public String template() {
        return "portal/staff-section";
    }

    @Override
    public String selector() {
        return "portalAccess";
    }

    @Override
    public Object data(long accountId) {
        boolean assist = CurrentStaff.has(Permission.PORTAL_ASSIST);
        if (!assist && !CurrentStaff.has(Permission.CUSTOMER_VIEW)) {
            return null;
        }
        String number = accounts.numberOf(accountId).value();
        List<LoginRow> rows = portal.loginsOfAccount(number).stream().map(l -> new LoginRow(l.loginId(), l.email(),
                l.status(), l.totpEnabled(), l.linkedAt().atZone(time.zone()).toLocalDate().toString(),
                l.lastSignedInAt() == null ? null : WHEN.format(l.lastSignedInAt().atZone(time.zone())))).toList();
        return new PortalAccessData(number, rows, assist);
    }
}
