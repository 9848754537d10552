package org.civicdesk.portal.internal.selfservice;

import jakarta.servlet.http.HttpServletResponse;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A record the customer may not see, or that does not exist, gets one and the same portal page in the customer's
 * language, saying nothing of the record (the staff pages' advice would print the message).
 */
@ControllerAdvice(basePackageClasses = SelfServiceAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SelfServiceAdvice {

    @ExceptionHandler(RecordNotFound.class)
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        return "portal/account/not-found";
    }
}
