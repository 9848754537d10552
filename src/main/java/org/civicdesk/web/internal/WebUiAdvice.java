package org.civicdesk.web.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Pages for refusals a page controller did not turn into a form error itself. */
@ControllerAdvice(annotations = Controller.class)
class WebUiAdvice {

    @ExceptionHandler(RecordNotFound.class)
    String notFound(RecordNotFound ex, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("heading", "Not found");
        model.addAttribute("message", ex.getMessage());
        return "error/problem";
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    String refused(BusinessRuleViolation ex, HttpServletResponse response, Model model) {
        response.setStatus(422);
        model.addAttribute("heading", "Not done");
        model.addAttribute("message", ex.getMessage());
        model.addAttribute("problems", ex.problems());
        return "error/problem";
    }

    @ExceptionHandler(Conflict.class)
    String conflict(Conflict ex, HttpServletResponse response, Model model) {
        response.setStatus(409);
        model.addAttribute("heading", "Already changed");
        model.addAttribute("message", ex.getMessage());
        return "error/problem";
    }
}
