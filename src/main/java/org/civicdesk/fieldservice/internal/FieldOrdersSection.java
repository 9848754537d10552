package org.civicdesk.fieldservice.internal;

import java.util.List;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.ServiceConnections;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.stereotype.Component;

/**
 * The account screen's field orders (order 125): the account's orders with status and reason, and its
 * services disconnected now. It lives here, implementing the customer module's section type: fieldservice
 * already depends on customer, so no cycle.
 */
@Component
class FieldOrdersSection implements AccountScreenSection {

    /** What templates/fieldservice/account-section.html shows. */
    public record FieldOrdersData(List<FieldOrder> orders, List<ServiceConnections.Disconnection> disconnected) {
    }

    private final FieldOrders orders;
    private final ServiceConnections connections;

    FieldOrdersSection(FieldOrders orders, ServiceConnections connections) {
        this.orders = orders;
        this.connections = connections;
    }

    @Override
    public int order() {
        return 125;
    }

    @Override
    public String template() {
        return "fieldservice/account-section";
    }

    @Override
    public String selector() {
        return "fieldOrders";
    }

    @Override
    public Object data(long accountId) {
        if (!CurrentStaff.has(Permission.FIELD_ORDERS_VIEW)) {
            return null;
        }
        return new FieldOrdersData(orders.ofAccount(accountId, 20), connections.disconnected(accountId));
    }
}
