package org.civicdesk.portal.internal.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.civicdesk.collections.ArrangementEligibilityPolicy;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.ExtensionPolicy;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The city's reasons and the other modules' refusals on the portal's forms have their Spanish words: every key the
 * policies give is in both bundles, every refusal code the forms can receive has a Spanish sentence, and a new code
 * in a module the forms call fails here until it is translated (or said not to reach the portal).
 */
class PortalRefusalsTranslatedTest {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    /**
     * The services behind the portal's account forms, and the codes they throw that no portal form can receive
     * (another method of the same service, or a check the portal makes first), each with why.
     */
    private static final List<String> SERVICES_THE_FORMS_CALL = List.of(
            "customer/internal/accounts/ServiceDesk.java",
            "customer/internal/casework/JdbcCases.java",
            "collections/internal/Arrangements.java",
            "collections/internal/Extensions.java",
            "cashiering/internal/online/OnlineCashier.java",
            "cashiering/internal/files/Autopay.java",
            "cashiering/internal/drawers/CounterPayments.java");
    private static final Map<String, String> NOT_FROM_THE_PORTAL = Map.of(
            "service.start-refused", "start service: the portal opens a case for staff instead",
            "service.duplicate-start", "start service: the portal opens a case for staff instead",
            "service.transfer-refused", "transfer: the portal opens a case for staff instead",
            "case.not-open", "handing a case to staff: not on the portal",
            "case.note-required", "a staff note on a case: not on the portal",
            "autopay.reason", "the portal always gives the reason when it cancels autopay");

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        // as application.yml has it
        m.setBasenames("messages", "i18n/portal-access", "i18n/portal-selfservice");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = PortalRefusalsTranslatedTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private final PortalProblems english = new PortalProblems(messages(), Locale.ENGLISH);
    private final PortalProblems spanish = new PortalProblems(messages(), SPANISH);
    private final CollectionsRules rules = CollectionsRules.cityProfile(LocalDate.of(2020, 1, 1));

    @Test
    void everyKeyThePoliciesGiveIsInBothBundles() throws IOException {
        Properties en = bundle("portal-selfservice");
        Properties es = bundle("portal-selfservice_es");
        Set<String> keys = new TreeSet<>(ArrangementEligibilityPolicy.KEYS);
        keys.addAll(ExtensionPolicy.KEYS);
        for (String key : keys) {
            assertThat(en.getProperty(PortalProblems.REASON + key)).as("English " + key).isNotBlank();
            assertThat(es.getProperty(PortalProblems.REASON + key)).as("Spanish " + key).isNotBlank()
                    .isNotEqualTo(en.getProperty(PortalProblems.REASON + key));
        }
    }

    @Test
    void everyRefusalThePortalFormsCanReceiveHasASpanishSentence() throws IOException {
        Properties es = bundle("portal-selfservice_es");
        for (String code : PortalProblems.REFUSAL_CODES) {
            assertThat(es.getProperty(PortalProblems.REFUSED + code)).as("Spanish sentence for " + code).isNotBlank();
        }
    }

    @Test
    void aNewRefusalInAServiceTheFormsCallCannotSlipInUntranslated() throws IOException {
        Pattern thrown = Pattern.compile("BusinessRuleViolation\\(\"([a-z0-9.-]+)\"");
        Set<String> found = new TreeSet<>();
        for (String file : SERVICES_THE_FORMS_CALL) {
            Matcher m = thrown.matcher(Files.readString(Path.of("src/main/java/org/civicdesk", file)));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        assertThat(found).as("codes found in the services the forms call").hasSizeGreaterThan(15);
        Set<String> untranslated = new TreeSet<>(found);
        untranslated.removeAll(PortalProblems.REFUSAL_CODES);
        untranslated.removeAll(NOT_FROM_THE_PORTAL.keySet());
        assertThat(untranslated).as("refusal codes with neither a Spanish sentence (PortalProblems.REFUSAL_CODES and "
                + "selfservice.refused.CODE in portal-selfservice_es) nor a reason they cannot reach the portal").isEmpty();
    }

    @Property
    void anArrangementsReasonsReadTheSameInEnglishAndAreAllSaidInSpanish(
            @ForAll @IntRange(max = 900) int pastDueDollars, @ForAll @IntRange(max = 6) int count,
            @ForAll @IntRange(max = 3) int broken, @ForAll boolean finalBill, @ForAll boolean returned,
            @ForAll boolean current, @ForAll @IntRange(min = -1, max = 9) int months) {
        Decision d = new ArrangementEligibilityPolicy(rules).decide(new ArrangementEligibilityPolicy.Facts(
                Money.of(BigDecimal.valueOf(pastDueDollars)), count, broken, false, finalBill, returned, current,
                months < 0 ? null : months));
        assertThat(english.reasons(d)).extracting(PortalProblems.Line::text).isEqualTo(d.reasons());
        assertThat(english.reasons(d)).allMatch(l -> l.lang() == null);
        List<PortalProblems.Line> es = spanish.reasons(d);
        assertThat(es).hasSameSizeAs(d.reasons()).allMatch(l -> l.lang() == null);
        for (int i = 0; i < es.size(); i++) {
            assertThat(es.get(i).text()).isNotEqualTo(d.reasons().get(i)).doesNotContain("{");
        }
    }

    @Test
    void anExtensionPastTheLimitIsSaidInSpanishWithTheLimitAndTheLatestDate() {
        LocalDate due = LocalDate.of(2026, 12, 1);
        Decision d = new ExtensionPolicy(rules).decide(new ExtensionPolicy.Facts(123456, due, false, false,
                due.plusDays(15), LocalDate.of(2026, 11, 27)));
        assertThat(spanish.reasons(d)).extracting(PortalProblems.Line::text).containsExactly(
                "Una extensión cambia la fecha de vencimiento 10 días como máximo; el 16 dic 2026 está 15 días después "
                        + "del 1 dic 2026 (a más tardar el 11 dic 2026).");
        Decision twice = new ExtensionPolicy(rules).decide(new ExtensionPolicy.Facts(123456, due, false, true,
                due.plusDays(3), LocalDate.of(2026, 11, 27)));
        // a bill number is a number, not a quantity: no thousands separator
        assertThat(spanish.reasons(twice).get(0).text()).contains("factura 123456 ya se cambió una vez");
    }

    @Test
    void spanishSaysOneInTheSingular() {
        Decision one = new ArrangementEligibilityPolicy(rules).decide(new ArrangementEligibilityPolicy.Facts(Money.of("90.00"),
                1, 1, false, false, false, false, 1));
        assertThat(spanish.reasons(one)).extracting(PortalProblems.Line::text).containsExactly(
                "1 plan de pagos y 1 incumplido en los últimos 12 meses; sin facturación nivelada, sin factura final, último pago no devuelto.",
                "Califica: $90.00 en 1 cuota mensual de aproximadamente $90.00; cada cuota se suma a los cargos del mes.");
        Decision three = new ArrangementEligibilityPolicy(rules).decide(new ArrangementEligibilityPolicy.Facts(Money.of("90.00"),
                0, 0, false, false, false, false, 3));
        assertThat(spanish.reasons(three).get(0).text()).startsWith("0 planes de pagos y 0 incumplidos");
        assertThat(spanish.reasons(three).get(1).text()).contains("en 3 cuotas mensuales de aproximadamente $30.00");
    }

    @Test
    void aDecisionWithoutKeysStaysInEnglishMarkedAsEnglishOnASpanishPage() {
        Decision staffOnly = Decision.no(List.of("Some staff rule."));
        assertThat(spanish.reasons(staffOnly)).containsExactly(new PortalProblems.Line("Some staff rule.", "en"));
        assertThat(english.reasons(staffOnly)).containsExactly(new PortalProblems.Line("Some staff rule.", null));
    }

    @Test
    void aRefusalIsSaidByItsCodeAndFieldWithTheControllersValues() {
        BusinessRuleViolation beforeStart = new BusinessRuleViolation("service.stop-refused", "Service cannot stop",
                List.of(new FieldProblem("stopDate", "WATER: The stop date 2026-12-05 is before the service started on 2026-12-20"),
                        new FieldProblem("stopDate", "SOLID_WASTE: The stop date 2026-12-05 is before the service started on 2026-12-20")));
        Set<String> fields = Set.of("stopDate", "premiseId", "confirm");
        assertThat(spanish.refused(beforeStart, "stopDate", fields, LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 20)))
                .containsExactly(new PortalProblems.Problem("stopDate", "La fecha de suspensión, el 5 dic 2026, es anterior al "
                        + "inicio del servicio en esa dirección: elija el 20 dic 2026 o una fecha posterior."));
        // the English reader reads the module's own words, as before
        assertThat(english.refused(beforeStart, "stopDate", fields, LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 20)))
                .extracting(PortalProblems.Problem::reason).containsExactly(
                        "WATER: The stop date 2026-12-05 is before the service started on 2026-12-20",
                        "SOLID_WASTE: The stop date 2026-12-05 is before the service started on 2026-12-20");
        // a field the form does not have goes under the default one; the code's own sentence when the field has none
        BusinessRuleViolation nothingOpen = new BusinessRuleViolation("service.stop-refused", "services",
                "The account has no open service to stop there");
        assertThat(spanish.refused(nothingOpen, "premiseId", fields)).containsExactly(new PortalProblems.Problem("premiseId",
                "No hay ningún servicio abierto que suspender en esa dirección."));
    }

    @Test
    void aRefusalWithoutATranslationStaysInEnglishMarkedAsEnglish() {
        BusinessRuleViolation unknown = new BusinessRuleViolation("payment.unknown-account", "accountNumber", "No account 123");
        assertThat(spanish.refused(unknown, "amount", Set.of("amount")))
                .containsExactly(new PortalProblems.Problem("amount", "No account 123", "en"));
        assertThat(english.refused(unknown, "amount", Set.of("amount")))
                .containsExactly(new PortalProblems.Problem("amount", "No account 123", null));
    }
}
