package org.civicdesk.portal.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Refusals the access pages did not turn into a form error themselves, on a portal page in the reader's language
 * (the staff pages' advice would show the staff frame and an English message naming the record).
 */
@ControllerAdvice(assignableTypes = {PortalAccessController.class, PortalHomeController.class,
        PortalProfileController.class})
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PortalAccessAdvice {

    @ExceptionHandler(RecordNotFound.class)
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("heading", "portal.not-found.heading");
        model.addAttribute("message", "portal.not-found.message");
        return "portal/message";
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    String refused(HttpServletResponse response, Model model) {
        response.setStatus(422);
        model.addAttribute("heading", "portal.problem.heading");
        model.addAttribute("message", "portal.problem.message");
        return "portal/message";
    }
}
