package org.civicdesk.billing;

/** The tariff book as stored: a snapshot for rating, renewed whenever staff add a version. */
public interface Tariffs {

    /** The current snapshot (cheap to call: cached until a version, adjuster or tax rate is added). */
    TariffBook book();
}
