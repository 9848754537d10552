package org.civicdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every page and endpoint of CivicDesk states who may use it; a handler without @PreAuthorize fails the build. */
@CivicDeskTest
class EveryEndpointChecksPermissionTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyHandlerMethodDeclaresItsPermission() {
        List<String> unchecked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getName().startsWith("org.civicdesk.")) {
                return;
            }
            boolean checked = AnnotatedElementUtils.hasAnnotation(method.getMethod(), PreAuthorize.class);
            if (!checked) {
                unchecked.add(method.getBeanType().getSimpleName() + "." + method.getMethod().getName() + " " + info);
            }
        });
        assertThat(unchecked).as("handlers without @PreAuthorize").isEmpty();
        assertThat(mappings.getHandlerMethods()).isNotEmpty();
    }
}
