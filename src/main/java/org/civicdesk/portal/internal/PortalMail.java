package org.civicdesk.portal.internal;

import java.util.Locale;
import org.civicdesk.customer.OutboundEmail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The portal's e-mails (verify the address, reset the password, already registered), in the login's language,
 * from the portal-access bundles, queued in the customer module's outbox. Links point at civicdesk.portal.base-url
 * when it is set (production must set it: a link built from the request's Host header could be steered), else at
 * the address the request came to.
 */
@Component
class PortalMail {

    private final OutboundEmail outbox;
    private final MessageSource messages;
    private final String baseUrl;

    PortalMail(OutboundEmail outbox, MessageSource messages, @Value("${civicdesk.portal.base-url:}") String baseUrl) {
        this.outbox = outbox;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    String link(String pathAndQuery) {
        String base = baseUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
                : baseUrl.replaceAll("/+$", "");
        return base + pathAndQuery;
    }

    private static Locale locale(String language) {
        return "es".equals(language) ? PortalLanguage.SPANISH : Locale.ENGLISH;
    }

    private void send(String purpose, String to, String language, String key, Object... args) {
        Locale locale = locale(language);
        outbox.queue(purpose, to, messages.getMessage("portal.mail." + key + ".subject", null, locale),
                messages.getMessage("portal.mail." + key + ".body", args, locale));
    }

    void verifyEmail(String to, String language, String name, String token) {
        send("portal-verify", to, language, "verify", name, link("/portal/verify?token=" + token));
    }

    void resetPassword(String to, String language, String token) {
        send("portal-reset", to, language, "reset", link("/portal/reset?token=" + token));
    }

    void alreadyRegistered(String to, String language) {
        send("portal-already-registered", to, language, "registered", link("/portal/sign-in"), link("/portal/forgot"));
    }
}
