package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/** Start, stop and transfer of service: one transaction each, nothing written on a refusal. */
public interface ServiceLifecycle {

    /**
     * Starts service. Refused (BusinessRuleViolation) on an expired identity document, a missing occupancy
     * document, a service the premise already has, or an unpaid closed balance without a decision on it.
     */
    StartResult start(StartService request);

    /** Stops services of the account on a date; landlord reversion and account closing follow. */
    StopResult stop(AccountNumber account, StopService request);

    /** Stops at one premise and starts at another in one transaction, on the same account. */
    StartResult transfer(TransferService request);

    /**
     * Unpaid balances on CLOSED accounts of this customer, or of anyone holding one of these identity document
     * numbers or this tax id.
     */
    List<UnpaidClosedBalance> unpaidClosedBalances(Long customerId, List<String> documentNumbers, String taxId);

    /** What to do with unpaid closed balances found at a start. */
    enum DebtDecision { TRANSFER, LEAVE }

    /**
     * A start request. Either customerId or newCustomer. accountNumber null opens a new account. Identity:
     * documentIdsChecked (already on file) and the new customer's documents are recorded as checked.
     */
    record StartService(Long customerId, NewCustomer newCustomer, String accountNumber, Long premiseId,
            List<String> services, LocalDate startDate, List<Long> documentIdsChecked, String occupancyDocType,
            String occupancyReference, Address accountMailing, Integer billDueDay, Boolean paperless,
            DebtDecision debtDecision) {

        public StartService {
            services = services == null ? List.of() : List.copyOf(services);
            documentIdsChecked = documentIdsChecked == null ? List.of() : List.copyOf(documentIdsChecked);
        }
    }

    /** What a start did. */
    record StartResult(String accountNumber, long customerId, boolean newAccount, List<Agreement> agreements,
            List<UnpaidClosedBalance> debtsTransferred) {
    }

    /** A stop: the date (the last day of service), and which services (empty: all at that premise or all). */
    record StopService(LocalDate stopDate, Long premiseId, List<String> services) {

        public StopService {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /** What a stop did: the agreements stopped, those reverted to an owner, whether the account closed. */
    record StopResult(List<Agreement> stopped, List<Agreement> reverted, boolean accountClosed) {
    }

    /** A transfer of an account's service from one premise to another. */
    record TransferService(String accountNumber, Long fromPremiseId, LocalDate stopDate, Long toPremiseId,
            List<String> services, LocalDate startDate, String occupancyDocType, String occupancyReference) {

        public TransferService {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /** An unpaid balance on a closed account in one fund. */
    record UnpaidClosedBalance(String accountNumber, long customerId, String customerName, String fund,
            long receivableId, org.civicdesk.platform.Money amount) {
    }
}
