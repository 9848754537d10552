package org.civicdesk.platform.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes event publications completed more than a week ago (by default), each night. The registry keeps a row per
 * event and listener after the listener has run; a lockbox day or a bill run adds thousands, and only incomplete
 * ones are needed (to be published again after a restart). What the listeners did is in the audit trail.
 */
@Component
class CompletedEventsPruning {

    private static final Logger log = LoggerFactory.getLogger(CompletedEventsPruning.class);

    private final CompletedEventPublications completed;
    private final Duration keep;

    CompletedEventsPruning(CompletedEventPublications completed,
            @Value("${civicdesk.events.keep-completed:P7D}") Duration keep) {
        this.completed = completed;
        this.keep = keep;
    }

    @Scheduled(cron = "${civicdesk.events.prune-cron:0 15 3 * * *}", zone = "${civicdesk.time-zone:America/Phoenix}")
    public void prune() {
        completed.deletePublicationsOlderThan(keep);
        log.debug("Event publications completed more than {} ago deleted", keep);
    }
}
