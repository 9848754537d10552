package org.civicdesk.portal.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.customer.AccountChange;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.Phone;
import org.civicdesk.customer.SecretSealing;
import org.civicdesk.identity.SignInThrottle;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything about getting into the portal and being who you are: registration by proving an account, e-mail
 * verification, password reset, linking more accounts, language, second factor, password, contact details, and
 * what staff do to help. One transaction per action, each audited (the actor of a customer's action is
 * portal:ID). Refusals carry message keys of the portal-access bundle as reasons, since the public reads them in
 * their language.
 *
 * <p>No answer tells whether an account or an e-mail exists: registration and reset requests answer the same
 * whatever was found, take a bcrypt hash on every path, and send their e-mail off the request's thread.
 */
@Service
public class PortalAccounts {

    static final Duration VERIFY_LINK_VALID = Duration.ofHours(24);
    static final Duration RESET_LINK_VALID = Duration.ofHours(1);
    static final int TOTP_LOCK_AFTER = 5;
    static final Duration RATE_WINDOW = Duration.ofHours(1);
    static final int PER_ADDRESS_PER_HOUR = 10;
    static final int REGISTRATIONS_PER_EMAIL_PER_HOUR = 5;
    static final int RESETS_PER_EMAIL_PER_HOUR = 3;
    static final int LINK_TRIES_PER_LOGIN_PER_HOUR = 10;

    /** What a registration form gives. */
    record Registration(String accountNumber, String nameOnBill, String billAmount, LocalDate billDate, String email,
            String password, String language) {
    }

    /** What a link-another-account form gives. */
    record AccountProof(String accountNumber, String nameOnBill, String billAmount, LocalDate billDate) {
    }

    /** The contact details of a linked account a customer may change. */
    record ContactChange(String phone, String email, String line1, String line2, String city, String state, String zip,
            boolean paperless) {
    }

    private final PortalLogins logins;
    private final PortalMail mail;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final Accounts accounts;
    private final Bills bills;
    private final SecretSealing sealing;
    private final PortalAccountAccess access;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate readApart;

    PortalAccounts(org.springframework.transaction.PlatformTransactionManager transactions, PortalLogins logins, PortalMail mail, PasswordEncoder encoder, SignInThrottle throttle,
            AuditTrail audit, Accounts accounts, Bills bills, SecretSealing sealing, PortalAccountAccess access,
            Clock clock) {
        this.logins = logins;
        this.mail = mail;
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
        this.accounts = accounts;
        this.bills = bills;
        this.sealing = sealing;
        this.access = access;
        this.clock = clock;
        this.readApart = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.readApart.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readApart.setReadOnly(true);
    }

    /** Too many requests of one kind from one address or for one e-mail within the hour. */
    public static class RateLimited extends RuntimeException {
        RateLimited() {
            super("portal.rate-limited");
        }
    }

    private static String id(long loginId) {
        return Long.toString(loginId);
    }

    private void limit(String kind, String address, String email, int perEmail) {
        int fromAddress = logins.countRequest(kind, "address:" + address, RATE_WINDOW);
        int forEmail = email == null ? 0 : logins.countRequest(kind, "email:" + PortalLogins.normalEmail(email), RATE_WINDOW);
        if (fromAddress > PER_ADDRESS_PER_HOUR || forEmail > perEmail) {
            audit.recordEvent("portal-rate-limited", "portal_login", "unknown", kind + " from " + address);
            throw new RateLimited();
        }
    }

    // ---- registration

    private static List<FieldProblem> proofProblems(String accountNumber, String nameOnBill, String billAmount,
            LocalDate billDate) {
        List<FieldProblem> p = new ArrayList<>();
        if (AccountNumber.parse(accountNumber).isEmpty()) {
            p.add(new FieldProblem("accountNumber", "portal.register.account-number.invalid"));
        }
        if (nameOnBill == null || nameOnBill.isBlank()) {
            p.add(new FieldProblem("nameOnBill", "portal.register.name.required"));
        }
        boolean noAmount = billAmount == null || billAmount.isBlank();
        if (noAmount && billDate == null) {
            p.add(new FieldProblem("billAmount", "portal.register.fact.required"));
        } else if (!noAmount && RegistrationProof.parseAmount(billAmount) == null) {
            p.add(new FieldProblem("billAmount", "portal.register.amount.invalid"));
        }
        return p;
    }

    private static boolean emailShape(String email) {
        return email != null && email.trim().length() <= 254 && email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }

    /** Whether the facts prove the account: its name on the bill and one fact of one of its last 3 issued bills. */
    private boolean proves(String accountNumber, String nameOnBill, String billAmount, LocalDate billDate) {
        Optional<AccountNumber> number = AccountNumber.parse(accountNumber);
        if (number.isEmpty()) {
            return false;
        }
        try {
            // read in a transaction of its own: an unknown account must not spoil the caller's transaction
            return Boolean.TRUE.equals(readApart.execute(s -> {
                AccountDetails account = accounts.account(number.get());
                List<RegistrationProof.BillFact> recent = bills.ofAccount(number.get().value(), 10).stream()
                        .filter(b -> !b.cancelled())
                        .map(b -> new RegistrationProof.BillFact(b.billDate(), b.totalDue().amount()))
                        .toList();
                return RegistrationProof.proves(account.customerName(), recent, nameOnBill,
                        RegistrationProof.parseAmount(billAmount), billDate);
            }));
        } catch (RecordNotFound e) {
            return false;
        }
    }

    /**
     * Registers, or answers as if it did: the caller always shows the same page (check your e-mail). A login is
     * made (or, not yet verified, taken over by whoever verifies the new link) only when the facts prove the
     * account; an e-mail already registered gets a note instead of a second login.
     */
    @Transactional
    public void register(Registration r, String address) {
        List<FieldProblem> p = proofProblems(r.accountNumber(), r.nameOnBill(), r.billAmount(), r.billDate());
        if (!emailShape(r.email())) {
            p.add(new FieldProblem("email", "portal.email.invalid"));
        }
        PortalPasswordRules.problem(r.email(), r.password()).ifPresent(k -> p.add(new FieldProblem("password", k)));
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("portal.invalid-registration", p.get(0).reason(), p);
        }
        limit("REGISTER", address, r.email(), REGISTRATIONS_PER_EMAIL_PER_HOUR);
        String language = PortalLanguage.supported(r.language()) == null ? "en" : r.language();
        // hashed on every path, so that the time taken does not tell which path was taken
        String hash = encoder.encode(r.password());
        String accountNumber = AccountNumber.parse(r.accountNumber()).map(AccountNumber::value).orElse("");
        boolean proven = proves(r.accountNumber(), r.nameOnBill(), r.billAmount(), r.billDate());
        Optional<PortalLogins.Login> existing = logins.byEmail(r.email());
        if (!proven) {
            audit.recordEvent("portal-registration-refused", "portal_login", "unknown",
                    "facts do not prove account ending " + last4(accountNumber) + " from " + address);
            return;
        }
        if (existing.isPresent() && !existing.get().status().equals(PortalLogins.PENDING_EMAIL)) {
            PortalLogins.Login login = existing.get();
            mail.alreadyRegistered(login.email(), login.language());
            audit.recordEvent("portal-registration-of-registered-email", "portal_login", id(login.id()),
                    "account ending " + last4(accountNumber) + " from " + address);
            return;
        }
        long loginId;
        if (existing.isPresent()) {
            loginId = existing.get().id();
            logins.replacePendingPassword(loginId, hash, language);
        } else {
            AccountDetails account = accounts.account(new AccountNumber(accountNumber));
            loginId = logins.create(r.email(), account.customerName(), hash, language);
        }
        logins.link(loginId, accountNumber, "HOLDER");
        String token = logins.issueToken(loginId, PortalLogins.VERIFY_EMAIL, VERIFY_LINK_VALID);
        PortalLogins.Login login = logins.byId(loginId).orElseThrow();
        mail.verifyEmail(login.email(), language, login.displayName(), token);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("email", login.email());
        after.put("status", login.status());
        after.put("language", language);
        after.put("linkedAccount", accountNumber);
        long registered = loginId;
        AuditActor.runAs(PortalCustomer.actorOf(loginId), () -> audit.recordChange("portal_login", id(registered),
                existing.isPresent() ? "registered-again" : "registered", null, after));
    }

    private static String last4(String s) {
        return s == null || s.length() < 4 ? "" : s.substring(s.length() - 4);
    }

    /** Uses a verification link: the login becomes active. False when the link is unknown, used or expired. */
    @Transactional
    public boolean verifyEmail(String token) {
        Optional<Long> loginId = logins.useToken(token, PortalLogins.VERIFY_EMAIL);
        if (loginId.isEmpty()) {
            audit.recordEvent("portal-verify-link-refused", "portal_login", "unknown", null);
            return false;
        }
        logins.activate(loginId.get());
        AuditActor.runAs(PortalCustomer.actorOf(loginId.get()), () -> audit.recordChange("portal_login",
                id(loginId.get()), "email-verified", Map.of("status", PortalLogins.PENDING_EMAIL),
                Map.of("status", PortalLogins.ACTIVE)));
        return true;
    }

    // ---- password reset

    /** Sends a reset link when the e-mail has a login; answers the same when it has none. */
    @Transactional
    public void requestReset(String email, String address) {
        if (!emailShape(email)) {
            throw new BusinessRuleViolation("portal.invalid-email", "email", "portal.email.invalid");
        }
        limit("RESET", address, email, RESETS_PER_EMAIL_PER_HOUR);
        Optional<PortalLogins.Login> login = logins.byEmail(email).filter(l -> !l.status().equals("DISABLED"));
        if (login.isEmpty()) {
            audit.recordEvent("portal-reset-requested-unknown", "portal_login", "unknown", "from " + address);
            return;
        }
        sendResetLink(login.get());
        audit.recordEvent("portal-reset-requested", "portal_login", id(login.get().id()), "from " + address);
    }

    private void sendResetLink(PortalLogins.Login login) {
        String token = logins.issueToken(login.id(), PortalLogins.RESET_PASSWORD, RESET_LINK_VALID);
        mail.resetPassword(login.email(), login.language(), token);
    }

    /** Whether the reset link still works (not used, not expired). */
    @Transactional(readOnly = true)
    public boolean resetLinkWorks(String token) {
        return token != null && logins.peekToken(token, PortalLogins.RESET_PASSWORD).isPresent();
    }

    /**
     * Sets a new password through a reset link (once). The link came by e-mail, so it also verifies the address of
     * a login not yet verified. Sessions signed in with the old password end.
     */
    @Transactional
    public boolean resetPassword(String token, String password) {
        Optional<Long> peek = token == null ? Optional.empty() : logins.peekToken(token, PortalLogins.RESET_PASSWORD);
        if (peek.isEmpty()) {
            audit.recordEvent("portal-reset-link-refused", "portal_login", "unknown", null);
            return false;
        }
        PortalLogins.Login login = logins.byId(peek.get()).orElseThrow();
        PortalPasswordRules.problem(login.email(), password).ifPresent(k -> {
            throw new BusinessRuleViolation("portal.invalid-password", "password", k);
        });
        if (logins.useToken(token, PortalLogins.RESET_PASSWORD).isEmpty()) {
            return false;
        }
        logins.changePassword(login.id(), encoder.encode(password));
        logins.activate(login.id());
        AuditActor.runAs(PortalCustomer.actorOf(login.id()), () -> audit.recordChange("portal_login", id(login.id()),
                "password-reset", Map.of("status", login.status()),
                Map.of("status", login.status().equals(PortalLogins.PENDING_EMAIL) ? PortalLogins.ACTIVE : login.status())));
        return true;
    }

    // ---- signed in

    /** Links another account to the login when the facts prove it; false (nothing said why) when they do not. */
    @Transactional
    public boolean linkAccount(PortalCustomer customer, AccountProof proof, String address) {
        List<FieldProblem> p = proofProblems(proof.accountNumber(), proof.nameOnBill(), proof.billAmount(), proof.billDate());
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("portal.invalid-link", p.get(0).reason(), p);
        }
        if (logins.countRequest("LINK", "login:" + customer.loginId(), RATE_WINDOW) > LINK_TRIES_PER_LOGIN_PER_HOUR) {
            audit.recordEvent("portal-rate-limited", "portal_login", id(customer.loginId()), "LINK from " + address);
            throw new RateLimited();
        }
        String number = AccountNumber.parse(proof.accountNumber()).map(AccountNumber::value).orElseThrow();
        if (!proves(number, proof.nameOnBill(), proof.billAmount(), proof.billDate())) {
            audit.recordEvent("portal-link-refused", "portal_login", id(customer.loginId()),
                    "facts do not prove account ending " + last4(number) + " from " + address);
            return false;
        }
        logins.link(customer.loginId(), number, "HOLDER");
        audit.recordChange("portal_login", id(customer.loginId()), "account-linked", null, Map.of("accountNumber", number));
        return true;
    }

    @Transactional
    public void changeLanguage(PortalCustomer customer, String language) {
        if (PortalLanguage.supported(language) == null) {
            throw new BusinessRuleViolation("portal.invalid-language", "language", "portal.language.invalid");
        }
        logins.byId(customer.loginId()).filter(l -> !l.language().equals(language)).ifPresent(l -> {
            logins.setLanguage(l.id(), language);
            audit.recordChange("portal_login", id(l.id()), "language-changed", Map.of("language", l.language()),
                    Map.of("language", language));
        });
    }

    /** A new password, given the current one; this session stays, others end. */
    @Transactional
    public void changePassword(PortalCustomer customer, String current, String next) {
        PortalLogins.Login login = logins.byId(customer.loginId()).orElseThrow();
        if (current == null || !encoder.matches(current, login.passwordHash())) {
            throw new BusinessRuleViolation("portal.wrong-password", "currentPassword", "portal.password.wrong");
        }
        PortalPasswordRules.problem(login.email(), next).ifPresent(k -> {
            throw new BusinessRuleViolation("portal.invalid-password", "newPassword", k);
        });
        logins.changePassword(login.id(), encoder.encode(next));
        audit.recordChange("portal_login", id(login.id()), "password-changed", null, null);
    }

    /** Starts enrolling a second factor: a new secret, kept sealed, that works only once confirmed with a code. */
    @Transactional
    public String startTotp(PortalCustomer customer) {
        String secret = TotpCodes.newSecret();
        logins.setPendingTotpSecret(customer.loginId(), sealing.seal(secret));
        audit.recordEvent("totp-enrolment-started", "portal_login", id(customer.loginId()), null);
        return secret;
    }

    /** The secret being enrolled, to show again; empty when none is pending. */
    @Transactional(readOnly = true)
    public Optional<String> pendingTotpSecret(PortalCustomer customer) {
        return logins.byId(customer.loginId()).filter(l -> !l.totpEnabled() && l.totpSecret() != null)
                .map(l -> sealing.open(l.totpSecret()));
    }

    @Transactional
    public boolean confirmTotp(PortalCustomer customer, String code) {
        PortalLogins.Login login = logins.byId(customer.loginId()).orElseThrow();
        java.util.OptionalLong step = login.totpEnabled() || login.totpSecret() == null
                ? java.util.OptionalLong.empty()
                : TotpCodes.matchedStep(sealing.open(login.totpSecret()), code, clock.instant());
        if (step.isEmpty()) {
            audit.recordEvent("totp-enrolment-code-refused", "portal_login", id(login.id()), null);
            return false;
        }
        logins.enableTotp(login.id(), step.getAsLong());
        audit.recordChange("portal_login", id(login.id()), "totp-enabled", Map.of("totp", false), Map.of("totp", true));
        return true;
    }

    /** Turns the second factor off, given the password. */
    @Transactional
    public void disableTotp(PortalCustomer customer, String password) {
        PortalLogins.Login login = logins.byId(customer.loginId()).orElseThrow();
        if (password == null || !encoder.matches(password, login.passwordHash())) {
            throw new BusinessRuleViolation("portal.wrong-password", "password", "portal.password.wrong");
        }
        logins.disableTotp(login.id());
        audit.recordChange("portal_login", id(login.id()), "totp-disabled", Map.of("totp", login.totpEnabled()),
                Map.of("totp", false));
    }

    @Transactional(readOnly = true)
    public boolean totpEnabled(PortalCustomer customer) {
        return logins.byId(customer.loginId()).map(PortalLogins.Login::totpEnabled).orElse(false);
    }

    /**
     * Checks the code asked after the password. Wrong codes count; the fifth in a row locks the login until staff
     * unlock it (a stolen password alone must not get to guess codes for long).
     */
    @Transactional(noRollbackFor = RuntimeException.class)
    public CodeCheck checkSignInCode(PortalCustomer customer, String code) {
        PortalLogins.Login login = logins.byId(customer.loginId()).orElseThrow();
        if (!login.status().equals(PortalLogins.ACTIVE) || !login.totpEnabled()) {
            return CodeCheck.LOCKED;
        }
        java.util.OptionalLong step = TotpCodes.matchedStep(sealing.open(login.totpSecret()), code, clock.instant());
        if (step.isPresent() && logins.useTotpStep(login.id(), step.getAsLong())) {
            return CodeCheck.ACCEPTED;
        }
        if (step.isPresent()) {
            // a right code already used: someone saw it or is replaying it; it counts as a wrong one
            audit.recordEvent("portal-sign-in-code-replayed", "portal_login", id(login.id()), null);
        }
        int failures = logins.recordTotpFailure(login.id(), TOTP_LOCK_AFTER);
        audit.recordEvent("portal-sign-in-code-refused", "portal_login", id(login.id()), "failure " + failures);
        if (failures >= TOTP_LOCK_AFTER) {
            audit.recordChange("portal_login", id(login.id()), "locked", Map.of("status", PortalLogins.ACTIVE),
                    Map.of("status", PortalLogins.LOCKED));
            return CodeCheck.LOCKED;
        }
        return CodeCheck.REFUSED;
    }

    /** The outcome of a sign-in code. */
    public enum CodeCheck { ACCEPTED, REFUSED, LOCKED }

    /** Changes a linked account's phone, e-mail, mailing address and paperless choice through the customer module. */
    @Transactional
    public void changeContact(PortalCustomer customer, String accountNumber, ContactChange c) {
        access.requireLinked(customer, accountNumber);
        List<Phone> phones = c.phone() == null || c.phone().isBlank() ? null : List.of(new Phone("MOBILE", c.phone().trim()));
        List<String> emails = c.email() == null || c.email().isBlank() ? null : List.of(c.email().trim());
        Address mailing = new Address(c.line1(), c.line2(), c.city(), c.state(), c.zip());
        accounts.change(new AccountNumber(accountNumber), new AccountChange(mailing.isBlank() ? null : mailing, null,
                c.paperless(), null, phones, emails, null));
    }

    @Transactional(readOnly = true)
    public Optional<PortalLogins.Login> login(long loginId) {
        return logins.byId(loginId);
    }

    // ---- staff help (the account screen): every action needs the login to be linked to that account

    private PortalLogins.Login linkedLogin(String accountNumber, long loginId) {
        return logins.loginsOfAccount(accountNumber).stream().filter(l -> l.loginId() == loginId).findFirst()
                .flatMap(l -> logins.byId(loginId))
                .orElseThrow(() -> new RecordNotFound("loginId", "No portal login " + loginId + " on account " + accountNumber));
    }

    @Transactional(readOnly = true)
    public List<PortalLogins.LinkedLogin> loginsOfAccount(String accountNumber) {
        return logins.loginsOfAccount(accountNumber);
    }

    /** Staff send the login a reset link (the customer called: they cannot sign in). */
    @Transactional
    public String staffSendResetLink(String accountNumber, long loginId) {
        PortalLogins.Login login = linkedLogin(accountNumber, loginId);
        sendResetLink(login);
        audit.recordEvent("portal-reset-link-sent-by-staff", "portal_login", id(loginId), "account " + accountNumber);
        audit.recordEvent("portal-reset-link-sent", "account", accountNumber, "portal login " + loginId);
        return login.email();
    }

    /** Staff unlock a login: sign-in failures forgotten, a login locked by wrong codes active again. */
    @Transactional
    public void staffUnlock(String accountNumber, long loginId) {
        PortalLogins.Login login = linkedLogin(accountNumber, loginId);
        logins.unlock(loginId);
        throttle.clear(PortalAuthenticationProvider.throttleName(login.email()));
        String after = login.status().equals(PortalLogins.LOCKED) ? PortalLogins.ACTIVE : login.status();
        audit.recordChange("portal_login", id(loginId), "unlocked",
                Map.of("status", login.status(), "codeFailures", login.totpFailures()),
                Map.of("status", after, "codeFailures", 0));
        audit.recordEvent("portal-login-unlocked", "account", accountNumber, "portal login " + loginId);
    }

    /** Staff unlink an account from a login (the customer moved out, or the link was wrong). */
    @Transactional
    public void staffUnlink(String accountNumber, long loginId, String staffUser) {
        linkedLogin(accountNumber, loginId);
        logins.unlink(loginId, accountNumber, staffUser);
        audit.recordChange("portal_login", id(loginId), "account-unlinked", Map.of("accountNumber", accountNumber), null);
        audit.recordEvent("portal-login-unlinked", "account", accountNumber, "portal login " + loginId);
    }

}
