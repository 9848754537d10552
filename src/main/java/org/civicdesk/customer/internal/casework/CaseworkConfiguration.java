package org.civicdesk.customer.internal.casework;

import java.util.EnumMap;
import java.util.Map;
import org.civicdesk.customer.CaseType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Case response times in business days, configurable per type as civicdesk.cases.due-business-days.INQUIRY
 * and so on (defaults: inquiry 3, complaint 5, billing dispute 10, service request 5).
 */
@Configuration(proxyBeanMethods = false)
class CaseworkConfiguration {

    @Bean
    CaseDueDates caseDueDates(Environment env) {
        Map<CaseType, Integer> configured = new EnumMap<>(CaseType.class);
        for (CaseType type : CaseType.values()) {
            Integer days = env.getProperty("civicdesk.cases.due-business-days." + type.name(), Integer.class);
            if (days != null) {
                configured.put(type, days);
            }
        }
        return new CaseDueDates(configured);
    }
}
