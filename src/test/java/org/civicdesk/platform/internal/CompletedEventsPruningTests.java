package org.civicdesk.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CivicDeskTest
class CompletedEventsPruningTests {

    @Autowired CompletedEventsPruning pruning;
    @Autowired JdbcClient jdbc;

    @Test
    void completedPublicationsOlderThanAWeekGoAndIncompleteOnesStay() {
        Instant now = Instant.now();
        UUID old = publication(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(10)), "COMPLETED");
        UUID recent = publication(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), "COMPLETED");
        UUID stuck = publication(now.minus(Duration.ofDays(30)), null, "FAILED");
        try {
            pruning.prune();
            assertThat(exists(old)).isFalse();
            assertThat(exists(recent)).isTrue();
            assertThat(exists(stuck)).isTrue();
        } finally {
            jdbc.sql("delete from event_publication where id in (:a, :b, :c)").param("a", old).param("b", recent)
                    .param("c", stuck).update();
        }
    }

    private UUID publication(Instant published, Instant completed, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                  completion_date, status, completion_attempts)
                values (:id, 'test.listener', 'java.lang.String', :event, :p, :c, :s, 1)""")
                .param("id", id).param("event", "\"" + id + "\"").param("p", Timestamp.from(published))
                .param("c", completed == null ? null : Timestamp.from(completed)).param("s", status).update();
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from event_publication where id = :id)").param("id", id)
                .query(Boolean.class).single();
    }
}
