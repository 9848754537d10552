package org.civicdesk.metering;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/** What billing needs from meters and reads, a chunk of agreements at a time (one or two queries per call). */
public interface BillingReads {

    /**
     * Usage of each service from its last billed read to its latest accepted read on or before the cutoff.
     * Where no read arrived, an estimate from the premise's history (same season last year, else recent
     * average daily use); {@code persistEstimates} stores the estimated reads (an issuing run) or only
     * computes them (a trial run). The next actual read trues an estimate up.
     *
     * @return one entry per agreement id given
     */
    Map<Long, BillableUsage> usage(Collection<BillableService> services, LocalDate cutoff, boolean persistEstimates);
}
