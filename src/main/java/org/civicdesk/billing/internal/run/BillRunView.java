package org.civicdesk.billing.internal.run;

import java.time.Instant;
import java.time.LocalDate;
import org.civicdesk.platform.Money;

/** A bill run as shown on its page and by the API. */
public record BillRunView(long id, int cycle, String mode, LocalDate cutoffDate, LocalDate billDate, LocalDate dueDate,
        String status, int accountsTotal, int accountsDone, int bills, int exceptions, Money totalBilled,
        int chunksTotal, int chunksDone, String statusDetail, Instant createdAt, String createdBy, Instant finishedAt) {

    public int percentDone() {
        return accountsTotal == 0 ? ("RUNNING".equals(status) ? 0 : 100) : (int) (100L * accountsDone / accountsTotal);
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
