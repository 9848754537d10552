package org.civicdesk.platform.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem responses for the REST API. A refusal names each field and its reason in {@code errors}
 * and carries a stable {@code code}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail businessRule(BusinessRuleViolation ex) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Request refused", ex.getMessage(), ex.code());
        p.setProperty("errors", ex.problems().stream()
                .map(f -> Map.of("field", f.field(), "reason", f.reason())).toList());
        return p;
    }

    @ExceptionHandler(RecordNotFound.class)
    ProblemDetail notFound(RecordNotFound ex) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), "not-found");
        p.setProperty("errors", List.of(Map.of("field", ex.field(), "reason", ex.getMessage())));
        return p;
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict ex) {
        return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), ex.code());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail forbidden(RuntimeException ex) {
        return problem(HttpStatus.FORBIDDEN, "Not permitted",
                ex.getMessage() == null || ex.getMessage().equals("Access Denied")
                        ? "Your role does not allow this action." : ex.getMessage(),
                "forbidden");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Some fields are missing or invalid.",
                "invalid-request");
        p.setProperty("errors", ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage()))).toList());
        return ResponseEntity.badRequest().body(p);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String code) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("urn:civicdesk:problem:" + code));
        p.setProperty("code", code);
        return p;
    }
}
