package org.civicdesk.support;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.civicdesk.platform.internal.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;

/**
 * A migrated database for tests that run without Spring (jqwik properties, stress tests): the machine's
 * PostgreSQL when SPRING_DATASOURCE_URL is set (CI's second pass), else the shared embedded server.
 */
public final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariDataSource ds = new HikariDataSource();
            String url = System.getenv("SPRING_DATASOURCE_URL");
            if (url != null && !url.isBlank()) {
                ds.setJdbcUrl(url);
                ds.setUsername(envOr("SPRING_DATASOURCE_USERNAME", "postgres"));
                ds.setPassword(envOr("SPRING_DATASOURCE_PASSWORD", ""));
            } else {
                ds.setJdbcUrl(EmbeddedPostgresServer.sharedEphemeral().jdbcUrl());
                ds.setUsername("postgres");
            }
            ds.setMaximumPoolSize(24);
            ds.setPoolName("test-direct");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            dataSource = ds;
        }
        return dataSource;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
