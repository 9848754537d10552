package org.civicdesk.platform.internal;

import java.time.Clock;
import java.time.ZoneId;
import org.civicdesk.platform.BusinessTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the application, in the city's business time zone. Tests replace it with a fake clock. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock(@Value("${civicdesk.time-zone:America/Phoenix}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    @Bean
    BusinessTime businessTime(Clock clock) {
        return new BusinessTime(clock);
    }
}
