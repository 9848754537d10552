package org.civicdesk.customer;

/**
 * How a letter should go out. AUTO e-mails paperless accounts and prints the rest; EMAIL asks for e-mail;
 * MAIL prints for the mail room. E-mail is only used when the account has an address and SMTP is configured.
 */
public enum LetterDelivery {
    AUTO, MAIL, EMAIL
}
