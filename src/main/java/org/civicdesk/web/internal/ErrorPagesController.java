package org.civicdesk.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page shown when a role may not do something, or a form lost its CSRF token. */
@Controller
class ErrorPagesController {

    @RequestMapping("/error/forbidden")
    @PreAuthorize("permitAll()")
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("csrf", Boolean.TRUE.equals(request.getAttribute("civicdesk.csrfRefused")));
        return "error/forbidden";
    }
}
