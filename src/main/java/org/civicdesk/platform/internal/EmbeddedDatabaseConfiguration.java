package org.civicdesk.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url}, CivicDesk runs its own PostgreSQL 17. Production sets the URL (or
 * SPRING_DATASOURCE_URL) and this configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrlConfigured.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(
            @Value("${civicdesk.embedded-database.data-directory:data/pg}") String dataDirectory,
            @Value("${civicdesk.embedded-database.ephemeral:false}") boolean ephemeral,
            @Value("${civicdesk.embedded-database.shared-buffers:}") String sharedBuffers) {
        long started = System.nanoTime();
        EmbeddedPostgresServer server = ephemeral
                ? EmbeddedPostgresServer.sharedEphemeral()
                : EmbeddedPostgresServer.startPersistent(Path.of(dataDirectory).toAbsolutePath(),
                        StringUtils.hasText(sharedBuffers) ? sharedBuffers.trim() : null);
        log.info("Embedded PostgreSQL {} on port {} ({} ms){}", ephemeral ? "(ephemeral)" : "in " + dataDirectory,
                server.port(), (System.nanoTime() - started) / 1_000_000, "");
        return server;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresServer server,
            @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(poolSize);
        ds.setPoolName("civicdesk");
        return ds;
    }

    static class NoDatabaseUrlConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
