package org.civicdesk.customer.internal.accounts;

import java.util.List;
import org.civicdesk.customer.NewPremise;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adding a service address that the city did not have yet (a new build, a split lot). */
@Controller
class PremisePagesController {

    static final List<String> TYPES = List.of("SINGLE_FAMILY", "MULTI_UNIT", "COMMERCIAL", "MOBILE_HOME_PARK");
    static final List<String> SERVICES = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE", "IRRIGATION", "HYDRANT");

    private final Premises premises;

    PremisePagesController(Premises premises) {
        this.premises = premises;
    }

    @GetMapping("/premises/new")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String form(Model model) {
        return show(new NewPremise("", "", "Mesa", "AZ", "", "SINGLE_FAMILY", "", null, "",
                List.of("WATER", "WASTEWATER", "SOLID_WASTE")), List.of(), model);
    }

    @PostMapping("/premises/new")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String create(@RequestParam(defaultValue = "") String addressLine1, @RequestParam(defaultValue = "") String unit,
            @RequestParam(defaultValue = "") String city, @RequestParam(defaultValue = "AZ") String state,
            @RequestParam(defaultValue = "") String zip, @RequestParam(defaultValue = "") String premiseType,
            @RequestParam(defaultValue = "") String parcel, @RequestParam(required = false) Integer billingCycle,
            @RequestParam(defaultValue = "") String route, @RequestParam(required = false) List<String> servicesAvailable,
            Model model, RedirectAttributes redirect) {
        NewPremise request = new NewPremise(addressLine1, unit, city, state, zip, premiseType, parcel, billingCycle, route,
                servicesAvailable == null ? List.of() : servicesAvailable);
        try {
            PremiseDetails created = premises.create(request);
            redirect.addFlashAttribute("flash", "Premise " + created.address() + " was added.");
            return "redirect:/premises/" + created.id();
        } catch (BusinessRuleViolation e) {
            return show(request, e.problems(), model);
        }
    }

    private String show(NewPremise form, List<BusinessRuleViolation.FieldProblem> problems, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("types", TYPES);
        model.addAttribute("services", SERVICES);
        model.addAttribute("problems", problems);
        return "customer/premise-new";
    }
}
