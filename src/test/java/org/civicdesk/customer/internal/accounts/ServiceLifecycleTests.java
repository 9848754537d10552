package org.civicdesk.customer.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.customer.internal.accounts.CustomerFixture.*;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.customer.AccountChange;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.Customers;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.customer.ServiceLifecycle.DebtDecision;
import org.civicdesk.customer.ServiceLifecycle.StartResult;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import java.time.Clock;

@CivicDeskTest
class ServiceLifecycleTests {

    @Autowired ServiceLifecycle lifecycle;
    @Autowired Premises premises;
    @Autowired Customers customers;
    @Autowired Accounts accounts;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired ServiceDateKeeper dateKeeper;

    LocalDate today;

    @BeforeEach
    void signInAsSpecialist() {
        signIn("csr", Permission.CUSTOMER_VIEW, Permission.CUSTOMER_EDIT, Permission.SERVICE_START_STOP);
        today = LocalDate.now(clock);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private int customersNamed(String lastName) {
        return jdbc.sql("select count(*) from customer where last_name = :n").param("n", lastName).query(Integer.class).single();
    }

    private Money balance(String accountNumber, String fund) {
        return ledger.findReceivable("utility-account", fund, accountNumber)
                .map(r -> ledger.receivableBalance(r.id(), today).balance()).orElse(Money.ZERO);
    }

    @Test
    void aStartForANewCustomerOpensTheAccountWithAgreementsOrdersReceivablesAndTheSetUpFee() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        String name = "Start" + unique();
        StartResult r = lifecycle.start(startNew(person(name, licence("D" + unique(), today.plusYears(3))), p.id(), today,
                "WATER", "SOLID_WASTE", "ELECTRIC"));

        assertThat(AccountNumber.problem(r.accountNumber())).isEmpty();
        assertThat(r.newAccount()).isTrue();
        assertThat(r.agreements()).extracting(Agreement::serviceType, Agreement::rateSchedule, Agreement::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("WATER", "W1.1", "ACTIVE"),
                        org.assertj.core.groups.Tuple.tuple("SOLID_WASTE", "R1.2", "ACTIVE"),
                        org.assertj.core.groups.Tuple.tuple("ELECTRIC", "E1.1", "ACTIVE"));
        AccountDetails account = accounts.account(new AccountNumber(r.accountNumber()));
        assertThat(account.serviceOrders()).extracting(AccountDetails.ServiceOrder::type)
                .containsExactlyInAnyOrder("CONNECT", "INITIAL_READ", "CONNECT", "INITIAL_READ", "BARREL_DELIVERY");
        assertThat(account.language()).isEqualTo("es");
        assertThat(balance(r.accountNumber(), "WATER")).isEqualTo(Money.of("11.00"));
        assertThat(ledger.findReceivable("utility-account", "ELECTRIC", r.accountNumber())).isPresent();
        assertThat(ledger.findReceivable("utility-account", "SOLID_WASTE", r.accountNumber())).isPresent();
        assertThat(jdbc.sql("select count(*) from identity_verification where account_id = :a and verified_by = 'csr'")
                .param("a", account.id()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select doc_type from occupancy_document where account_id = :a").param("a", account.id())
                .query(String.class).single()).isEqualTo("LEASE");
        assertThat(accounts.history(new AccountNumber(r.accountNumber()), 50)).extracting(Accounts.HistoryEntry::action)
                .contains("opened", "identity-checked", "occupancy-checked", "service-started", "setup-fee-charged");
    }

    @Test
    void anAgreementStartingLaterWaitsAsPendingStart() {
        PremiseDetails p = premise(premises, "COMMERCIAL");
        StartResult r = lifecycle.start(startNew(person("Later" + unique(), licence("D" + unique(), null)), p.id(),
                today.plusDays(5), "WATER"));
        assertThat(r.agreements()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("PENDING_START");
            assertThat(a.rateSchedule()).isEqualTo("W3.1");
        });
    }

    @Test
    void anExpiredIdentityDocumentIsRefusedAndNothingIsWritten() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        String name = "Expired" + unique();
        assertThatThrownBy(() -> lifecycle.start(startNew(person(name, licence("D" + unique(), today.minusDays(1))),
                p.id(), today, "WATER")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .anySatisfy(f -> {
                            assertThat(f.field()).isEqualTo("customer.documents[0].expiresOn");
                            assertThat(f.reason()).contains("expired");
                        }));
        assertThat(customersNamed(name)).isZero();
        assertThat(premises.premise(p.id()).agreements()).isEmpty();
    }

    @Test
    void aStartWithoutAnIdentityDocumentOrOccupancyDocumentIsRefused() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        String name = "NoDocs" + unique();
        assertThatThrownBy(() -> lifecycle.start(new ServiceLifecycle.StartService(null, person(name, null), null, p.id(),
                List.of("WATER"), today, List.of(), null, null, null, null, null, null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field)
                        .contains("customer.documents", "occupancyDocType"));
        assertThat(customersNamed(name)).isZero();
    }

    @Test
    void aDuplicateStartForAServiceThePremiseAlreadyHasIsRefusedAndNothingIsWritten() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        lifecycle.start(startNew(person("First" + unique(), licence("D" + unique(), null)), p.id(), today, "WATER"));
        String second = "Second" + unique();
        assertThatThrownBy(() -> lifecycle.start(startNew(person(second, licence("D" + unique(), null)), p.id(),
                today.plusDays(3), "GAS", "WATER")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems()).anySatisfy(f -> {
                    assertThat(f.field()).isEqualTo("services");
                    assertThat(f.reason()).contains("WATER service").contains("already taken");
                }));
        assertThat(customersNamed(second)).isZero();
        assertThat(premises.premise(p.id()).agreements()).hasSize(1);
    }

    @Test
    void theDatabaseExclusionConstraintIsRecognisedAsADuplicateStart() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        StartResult r = lifecycle.start(startNew(person("Race" + unique(), licence("D" + unique(), null)), p.id(), today, "GAS"));
        long accountId = accounts.idOf(new AccountNumber(r.accountNumber()));
        assertThatThrownBy(() -> jdbc.sql("""
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status, created_at, created_by)
                values (:a, :p, 'GAS', 'G1.1', :d, 'ACTIVE', now(), 'test')
                """).param("a", accountId).param("p", p.id()).param("d", today.plusDays(1)).update())
                .satisfies(e -> assertThat(ServiceDesk.isExclusionViolation(e)).isTrue());
    }

    @Test
    void aStopBeforeTheStartIsRefusedAndNothingIsWritten() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        StartResult r = lifecycle.start(startNew(person("Early" + unique(), licence("D" + unique(), null)), p.id(),
                today.plusDays(10), "WATER"));
        AccountNumber n = new AccountNumber(r.accountNumber());
        assertThatThrownBy(() -> lifecycle.stop(n, new ServiceLifecycle.StopService(today, null, List.of())))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("stopDate")));
        assertThat(accounts.agreements(n)).singleElement().satisfies(a -> assertThat(a.endDate()).isNull());
        assertThat(accounts.account(n).status()).isEqualTo("ACTIVE");
    }

    @Test
    void stoppingTheLastServiceRequestsAFinalReadAndBillAndClosesTheAccountOnTheStopDate() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        StartResult r = lifecycle.start(startNew(person("Stop" + unique(), licence("D" + unique(), null)), p.id(),
                today.minusDays(40), "WATER", "WASTEWATER"));
        AccountNumber n = new AccountNumber(r.accountNumber());
        ServiceLifecycle.StopResult stopWater = lifecycle.stop(n, new ServiceLifecycle.StopService(today, null, List.of("WATER")));
        assertThat(stopWater.accountClosed()).isFalse();
        ServiceLifecycle.StopResult rest = lifecycle.stop(n, new ServiceLifecycle.StopService(today.plusDays(2), null, List.of()));
        assertThat(rest.accountClosed()).as("the account stays open until the stop date").isFalse();
        assertThat(rest.stopped()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("PENDING_STOP");
            assertThat(a.finalBillRequested()).isTrue();
        });
        AccountDetails account = accounts.account(n);
        assertThat(account.status()).isEqualTo("ACTIVE");
        assertThat(account.closedOn()).isEqualTo(today.plusDays(2));
        assertThat(account.agreements()).filteredOn(a -> a.serviceType().equals("WATER"))
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("STOPPED"));
        assertThat(account.serviceOrders()).extracting(AccountDetails.ServiceOrder::type).contains("FINAL_READ");

        ((org.civicdesk.support.SettableClock) clock).advance(java.time.Duration.ofDays(2));
        dateKeeper.catchUp();
        AccountDetails closed = accounts.account(n);
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.agreements()).allSatisfy(a -> assertThat(a.status()).isEqualTo("STOPPED"));
        assertThat(dateKeeper.catchUp()).as("run twice, nothing more changes").isZero();
        assertThat(accounts.history(n, 50)).extracting(Accounts.HistoryEntry::action)
                .contains("closing-scheduled", "service-stop-effective", "closed");
    }

    @Test
    void aPendingStartBecomesActiveOnItsDay() {
        PremiseDetails p = premise(premises, "SINGLE_FAMILY");
        StartResult r = lifecycle.start(startNew(person("Soon" + unique(), licence("D" + unique(), null)), p.id(),
                today.plusDays(3), "WATER"));
        dateKeeper.catchUp();
        assertThat(accounts.account(new AccountNumber(r.accountNumber())).agreements())
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("PENDING_START"));
        ((org.civicdesk.support.SettableClock) clock).advance(java.time.Duration.ofDays(3));
        dateKeeper.catchUp();
        assertThat(accounts.account(new AccountNumber(r.accountNumber())).agreements())
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("ACTIVE"));
    }

    @Test
    void whenATenantStopsWaterRevertsToTheLandlordsAccountFromTheNextDayButElectricDoesNot() {
        PremiseDetails ownerHome = premise(premises, "SINGLE_FAMILY");
        StartResult owner = lifecycle.start(startNew(person("Owner" + unique(), licence("D" + unique(), null)),
                ownerHome.id(), today.minusDays(100), "ELECTRIC"));
        AccountNumber ownerNumber = new AccountNumber(owner.accountNumber());
        accounts.change(ownerNumber, new AccountChange(null, null, null, null, null, null, true));
        PremiseDetails rental = premise(premises, "SINGLE_FAMILY");
        premises.recordOwner(rental.id(), owner.customerId(), "LANDLORD", today.minusYears(2));
        StartResult tenant = lifecycle.start(startNew(person("Tenant" + unique(), licence("D" + unique(), null)),
                rental.id(), today.minusDays(30), "WATER", "ELECTRIC"));

        ServiceLifecycle.StopResult stop = lifecycle.stop(new AccountNumber(tenant.accountNumber()),
                new ServiceLifecycle.StopService(today, null, List.of()));

        assertThat(stop.accountClosed()).isTrue();
        assertThat(stop.reverted()).singleElement().satisfies(a -> {
            assertThat(a.serviceType()).isEqualTo("WATER");
            assertThat(a.accountNumber()).isEqualTo(owner.accountNumber());
            assertThat(a.startDate()).isEqualTo(today.plusDays(1));
            assertThat(a.revertedFromId()).isNotNull();
        });
        assertThat(accounts.history(ownerNumber, 20)).extracting(Accounts.HistoryEntry::action).contains("service-reverted");
        assertThat(premises.premise(rental.id()).agreements()).filteredOn(a -> a.serviceType().equals("ELECTRIC"))
                .singleElement().satisfies(a -> assertThat(a.endDate()).isEqualTo(today));
    }

    @Test
    void nothingRevertsWhenTheOwnersAccountIsNotMarkedToReceiveReversion() {
        PremiseDetails ownerHome = premise(premises, "SINGLE_FAMILY");
        StartResult owner = lifecycle.start(startNew(person("Owner" + unique(), licence("D" + unique(), null)),
                ownerHome.id(), today.minusDays(100), "ELECTRIC"));
        PremiseDetails rental = premise(premises, "SINGLE_FAMILY");
        premises.recordOwner(rental.id(), owner.customerId(), "OWNER", today.minusYears(2));
        StartResult tenant = lifecycle.start(startNew(person("Tenant" + unique(), licence("D" + unique(), null)),
                rental.id(), today.minusDays(30), "WATER"));
        assertThat(lifecycle.stop(new AccountNumber(tenant.accountNumber()),
                new ServiceLifecycle.StopService(today, null, List.of())).reverted()).isEmpty();
    }

    @Test
    void anUnpaidClosedBalanceUnderTheSameIdentityDocumentIsWarnedAndTransferredOnceBySomeoneAllowed() {
        String docNumber = "D" + unique();
        PremiseDetails first = premise(premises, "SINGLE_FAMILY");
        StartResult old = lifecycle.start(startNew(person("Debtor" + unique(), licence(docNumber, null)), first.id(),
                today.minusDays(60), "WATER"));
        lifecycle.stop(new AccountNumber(old.accountNumber()), new ServiceLifecycle.StopService(today.minusDays(1), null, List.of()));
        assertThat(balance(old.accountNumber(), "WATER")).isEqualTo(Money.of("11.00"));

        PremiseDetails second = premise(premises, "SINGLE_FAMILY");
        String alias = "Alias" + unique();
        ServiceLifecycle.StartService request = startNew(person(alias, licence(docNumber.toLowerCase(), null)),
                second.id(), today, "WATER");
        assertThatThrownBy(() -> lifecycle.start(request))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(f -> {
                            assertThat(f.field()).isEqualTo("debtDecision");
                            assertThat(f.reason()).contains("$11.00").contains(old.accountNumber());
                        }));
        assertThat(customersNamed(alias)).isZero();

        ServiceLifecycle.StartService transfer = new ServiceLifecycle.StartService(null, request.newCustomer(), null,
                second.id(), List.of("WATER"), today, List.of(), "LEASE", null, null, null, null, DebtDecision.TRANSFER);
        assertThatThrownBy(() -> lifecycle.start(transfer))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .anySatisfy(f -> assertThat(f.reason()).contains("may not transfer debt")));

        signInAsSenior();
        StartResult moved = lifecycle.start(transfer);
        assertThat(moved.debtsTransferred()).hasSize(1);
        assertThat(balance(old.accountNumber(), "WATER")).isEqualTo(Money.ZERO);
        assertThat(balance(moved.accountNumber(), "WATER")).isEqualTo(Money.of("22.00"));
        assertThat(lifecycle.unpaidClosedBalances(moved.customerId(), List.of(), null)).isEmpty();
    }

    @Test
    void aTransferStopsAtTheOldPremiseAndStartsAtTheNewOneOnTheSameAccount() {
        PremiseDetails from = premise(premises, "SINGLE_FAMILY");
        PremiseDetails to = premise(premises, "SINGLE_FAMILY");
        StartResult r = lifecycle.start(startNew(person("Mover" + unique(), licence("D" + unique(), null)), from.id(),
                today.minusDays(10), "WATER", "GAS"));
        StartResult moved = lifecycle.transfer(new ServiceLifecycle.TransferService(r.accountNumber(), from.id(), today,
                to.id(), List.of(), null, "LEASE", "new lease"));
        assertThat(moved.accountNumber()).isEqualTo(r.accountNumber());
        assertThat(moved.agreements()).extracting(Agreement::premiseId).containsOnly(to.id());
        assertThat(moved.agreements()).extracting(Agreement::startDate).containsOnly(today);
        AccountDetails account = accounts.account(new AccountNumber(r.accountNumber()));
        assertThat(account.status()).isEqualTo("ACTIVE");
        assertThat(account.agreements()).filteredOn(a -> a.premiseId() == from.id())
                .allSatisfy(a -> assertThat(a.endDate()).isEqualTo(today));
    }

    @Test
    void aTransferToAPremiseThatAlreadyHasTheServiceChangesNothing() {
        PremiseDetails from = premise(premises, "SINGLE_FAMILY");
        PremiseDetails to = premise(premises, "SINGLE_FAMILY");
        lifecycle.start(startNew(person("Occupant" + unique(), licence("D" + unique(), null)), to.id(), today.minusDays(5), "WATER"));
        StartResult r = lifecycle.start(startNew(person("Mover" + unique(), licence("D" + unique(), null)), from.id(),
                today.minusDays(10), "WATER"));
        assertThatThrownBy(() -> lifecycle.transfer(new ServiceLifecycle.TransferService(r.accountNumber(), from.id(), today,
                to.id(), List.of(), null, "LEASE", null))).isInstanceOf(BusinessRuleViolation.class);
        assertThat(accounts.agreements(new AccountNumber(r.accountNumber()))).singleElement()
                .satisfies(a -> assertThat(a.endDate()).isNull());
    }
}
