package org.civicdesk.customer.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** The account screen renders sections by a template name and selector held in variables (Thymeleaf 3.1). */
class AccountScreenFragmentTest {

    /** A stand-in for an AccountScreenSection bean. */
    public record Section(String template, String selector, Object payload) {
        public Object data(long accountId) {
            return payload;
        }
    }

    @Test
    void aSectionIsRenderedFromItsTemplateAndSelectorAndHiddenWhenItsDataIsNull() {
        TemplateEngine engine = new org.thymeleaf.spring6.SpringTemplateEngine();
        engine.setTemplateResolver(new org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver() {
            @Override
            protected org.thymeleaf.templateresource.ITemplateResource computeTemplateResource(
                    org.thymeleaf.IEngineConfiguration configuration, String ownerTemplate, String template,
                    String resourceName, String characterEncoding, Map<String, Object> attributes) {
                String text = switch (template) {
                    case "screen" -> """
                            <div><th:block th:each="s : ${sections}"><th:block th:with="section=${s.data(7)}">\
                            <th:block th:if="${section != null}"><div th:replace="~{${s.template()} :: ${s.selector()}}"></div>\
                            </th:block></th:block></th:block></div>""";
                    case "casework" -> "<html><section th:fragment=\"contacts\">contacts [[${section}]]</section>"
                            + "<section th:fragment=\"cases\">cases [[${section}]]</section></html>";
                    default -> throw new IllegalArgumentException(template);
                };
                return new org.thymeleaf.templateresource.StringTemplateResource(text);
            }
        });
        Context context = new Context();
        context.setVariable("sections", List.of(new Section("casework", "contacts", "3 calls"),
                new Section("casework", "cases", null)));
        String html = engine.process("screen", context);
        assertThat(html).contains("<section>contacts 3 calls</section>").doesNotContain("cases");
    }
}
