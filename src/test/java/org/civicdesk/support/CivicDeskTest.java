package org.civicdesk.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application against the test database (embedded, or the server named by SPRING_DATASOURCE_URL),
 * with MockMvc and a {@link SettableClock}. All tests with this annotation share one Spring context, so they
 * must not assume an empty database: make names unique.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(CivicDeskTest.TestClockConfiguration.class)
public @interface CivicDeskTest {

    @TestConfiguration(proxyBeanMethods = false)
    class TestClockConfiguration {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(Instant.now(), ZoneId.of("America/Phoenix"));
        }
    }
}
