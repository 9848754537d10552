package org.civicdesk.cashiering.internal.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.civicdesk.cashiering.ReceivableTypes;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.stereotype.Component;

/** The receivable kinds cashiers can take money for: every PaymentTargetKind bean, plus those registered later. */
@Component
class ReceivableTypeRegistry implements ReceivableTypes {

    private final Map<String, PaymentTargetKind> kinds = new ConcurrentSkipListMap<>();

    ReceivableTypeRegistry(List<PaymentTargetKind> beans) {
        beans.forEach(this::register);
    }

    @Override
    public void register(PaymentTargetKind kind) {
        kinds.put(kind.receivableType(), kind);
    }

    @Override
    public List<PaymentTargetKind> all() {
        return new ArrayList<>(kinds.values());
    }

    @Override
    public Optional<PaymentTargetKind> find(String receivableType) {
        return receivableType == null ? Optional.empty() : Optional.ofNullable(kinds.get(receivableType));
    }

    PaymentTargetKind require(String receivableType, String field) {
        return find(receivableType).orElseThrow(() -> new BusinessRuleViolation("payment.unknown-receivable-type", field,
                "No one takes payments for '" + receivableType + "'; choose one of " + kinds.keySet()));
    }
}
