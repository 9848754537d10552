package org.civicdesk.cashiering.internal.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The counter's take-payment form: up to four receivables and four tenders; empty rows are ignored. */
public class PaymentForm {

    public static final int ROWS = 4;

    private String idempotencyKey;
    private String payerName;
    private List<AllocationRow> allocations = new ArrayList<>();
    private List<TenderRow> tenders = new ArrayList<>();

    public static PaymentForm blank(String key) {
        PaymentForm f = new PaymentForm();
        f.idempotencyKey = key;
        f.fill();
        return f;
    }

    /** Pads the rows up to {@link #ROWS}, the first allocation a utility account and the first tender cash. */
    public void fill() {
        while (allocations.size() < ROWS) {
            AllocationRow r = new AllocationRow();
            r.setReceivableType(allocations.isEmpty() ? "utility-account" : "miscellaneous");
            allocations.add(r);
        }
        while (tenders.size() < ROWS) {
            TenderRow t = new TenderRow();
            t.setType(tenders.isEmpty() ? "CASH" : "");
            tenders.add(t);
        }
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public String getPayerName() {
        return payerName;
    }

    public void setPayerName(String payerName) {
        this.payerName = payerName;
    }

    public List<AllocationRow> getAllocations() {
        return allocations;
    }

    public void setAllocations(List<AllocationRow> allocations) {
        this.allocations = allocations;
    }

    public List<TenderRow> getTenders() {
        return tenders;
    }

    public void setTenders(List<TenderRow> tenders) {
        this.tenders = tenders;
    }

    /** One receivable paid. */
    public static class AllocationRow {
        private String receivableType;
        private String reference;
        private BigDecimal amount;

        public String getReceivableType() {
            return receivableType;
        }

        public void setReceivableType(String receivableType) {
            this.receivableType = receivableType;
        }

        public String getReference() {
            return reference;
        }

        public void setReference(String reference) {
            this.reference = reference;
        }

        public BigDecimal getAmount() {
            return amount;
        }

        public void setAmount(BigDecimal amount) {
            this.amount = amount;
        }

        boolean empty() {
            return (reference == null || reference.isBlank()) && amount == null;
        }
    }

    /** One tender. */
    public static class TenderRow {
        private String type;
        private BigDecimal amount;
        private String checkNumber;
        private String cardToken;
        private String cardBrand;
        private String cardLast4;

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public BigDecimal getAmount() {
            return amount;
        }

        public void setAmount(BigDecimal amount) {
            this.amount = amount;
        }

        public String getCheckNumber() {
            return checkNumber;
        }

        public void setCheckNumber(String checkNumber) {
            this.checkNumber = checkNumber;
        }

        public String getCardToken() {
            return cardToken;
        }

        public void setCardToken(String cardToken) {
            this.cardToken = cardToken;
        }

        public String getCardBrand() {
            return cardBrand;
        }

        public void setCardBrand(String cardBrand) {
            this.cardBrand = cardBrand;
        }

        public String getCardLast4() {
            return cardLast4;
        }

        public void setCardLast4(String cardLast4) {
            this.cardLast4 = cardLast4;
        }

        boolean empty() {
            return (type == null || type.isBlank()) || amount == null;
        }
    }
}
