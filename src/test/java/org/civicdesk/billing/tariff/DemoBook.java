package org.civicdesk.billing.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.billing.internal.tariff.TariffBookLoader;
import org.civicdesk.billing.internal.tariff.TariffSnapshot;
import org.civicdesk.platform.Money;
import org.civicdesk.support.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seeded demo book, read once from the migrated test database (tests never add versions to its schedules). */
final class DemoBook {

    private static TariffSnapshot book;

    private DemoBook() {
    }

    static synchronized TariffSnapshot book() {
        if (book == null) {
            book = new TariffBookLoader(JdbcClient.create(TestDatabase.dataSource())).load();
        }
        return book;
    }

    static RatingRequest request(String schedule, String previous, String read, String consumption) {
        return request(schedule, previous, read, consumption, null, null, Map.of());
    }

    static RatingRequest request(String schedule, String previous, String read, String consumption, String demand,
            String wqa, Map<String, String> options) {
        Map<String, BigDecimal> opts = new java.util.HashMap<>();
        options.forEach((k, v) -> opts.put(k, new BigDecimal(v)));
        return new RatingRequest(schedule, LocalDate.parse(previous), LocalDate.parse(read),
                consumption == null ? null : new BigDecimal(consumption), demand == null ? null : new BigDecimal(demand),
                wqa == null ? null : new BigDecimal(wqa), opts);
    }

    static RatedService rate(RatingRequest request) {
        return book().rate(request);
    }

    static Money line(RatedService s, String part) {
        return s.lines().stream().filter(l -> l.part().equals(part)).map(RatedLine::amount)
                .reduce(Money.ZERO, Money::plus);
    }

    static Money tax(RatedService s, String jurisdiction) {
        return s.taxes().stream().filter(t -> t.jurisdiction().equals(jurisdiction)).map(TaxLine::amount)
                .findFirst().orElseThrow();
    }

    static Money m(String amount) {
        return Money.of(amount);
    }
}
