package org.civicdesk.metering.internal;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Thresholds of read validation and estimation (civicdesk.reads.*): a read is held as HIGH_USE above
 * high-factor times, LOW_USE under low-factor times the average daily use of the same season last year (the
 * reads of the service point dated within season-window-days of the same date a year before), scaled to the
 * read's days. The class defaults are the daily use assumed when a service point has no history at all.
 */
@Component
public class ReadSettings {

    private final ReadRules.Thresholds thresholds;
    private final int seasonWindowDays;
    private final Map<String, BigDecimal> defaultDailyUse;

    ReadSettings(@Value("${civicdesk.reads.high-factor:3}") BigDecimal highFactor,
            @Value("${civicdesk.reads.low-factor:0.2}") BigDecimal lowFactor,
            @Value("${civicdesk.reads.season-window-days:20}") int seasonWindowDays,
            @Value("${civicdesk.reads.default-daily-use.electric:30}") BigDecimal electric,
            @Value("${civicdesk.reads.default-daily-use.gas:1.2}") BigDecimal gas,
            @Value("${civicdesk.reads.default-daily-use.water:0.3}") BigDecimal water,
            @Value("${civicdesk.reads.default-daily-use.irrigation:0.5}") BigDecimal irrigation,
            @Value("${civicdesk.reads.default-daily-use.hydrant:2}") BigDecimal hydrant) {
        this.thresholds = new ReadRules.Thresholds(highFactor, lowFactor);
        this.seasonWindowDays = seasonWindowDays;
        this.defaultDailyUse = Map.of("ELECTRIC", electric, "GAS", gas, "WATER", water, "IRRIGATION", irrigation,
                "HYDRANT", hydrant);
    }

    public ReadRules.Thresholds thresholds() {
        return thresholds;
    }

    public int seasonWindowDays() {
        return seasonWindowDays;
    }

    public BigDecimal defaultDailyUse(String serviceType) {
        return defaultDailyUse.getOrDefault(serviceType, BigDecimal.ONE);
    }
}
