package org.civicdesk.customer;

/**
 * A part of the account screen (Control Central) contributed by a module: contacts, cases and letters now;
 * bills, payments, deposits and field orders later. The screen renders, in {@link #order()}, the Thymeleaf
 * fragment {@link #template()} :: {@link #selector()} with the variable {@code section} set to {@link #data}.
 */
public interface AccountScreenSection {

    /** Lower first. Customer and services use 10-40; contacts 50, cases 60, letters 70; later modules 100 on. */
    int order();

    /** Template name, e.g. customer/casework. */
    String template();

    /** Fragment selector in it, e.g. contacts. */
    String selector();

    /**
     * What the fragment shows for this account, or null to hide the section (the section checks the
     * signed-in user's permissions itself).
     */
    Object data(long accountId);
}
