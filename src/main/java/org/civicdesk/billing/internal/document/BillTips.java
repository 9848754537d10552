package org.civicdesk.billing.internal.document;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.civicdesk.billing.ConservationTips;
import org.springframework.stereotype.Component;

/** The bill's tips (billing-messages), read through the same words the bill prints. */
@Component
class BillTips implements ConservationTips {

    @Override
    public String season(LocalDate day) {
        return BillWords.season(day).toUpperCase(Locale.ROOT);
    }

    @Override
    public String tip(String serviceType, String season, String language) {
        return BillWords.of(language).tip(serviceType, season.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> services() {
        return List.of("WATER", "ELECTRIC", "GAS");
    }
}
