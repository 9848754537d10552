package org.civicdesk.billing;

import java.time.LocalDate;
import java.util.List;

/**
 * The conservation tips printed on bills (tariffs.md rule 3), by service and season, in English or Spanish, for
 * the portal to show the same advice the bill gives.
 */
public interface ConservationTips {

    /** SUMMER (May to October) or WINTER, as the bill decides it from a period's last day. */
    String season(LocalDate day);

    /** The tip for the service in the season (the general tip for a service without its own). */
    String tip(String serviceType, String season, String language);

    /** The services that have their own tips. */
    List<String> services();
}
