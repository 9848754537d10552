package org.civicdesk.identity.internal;

import java.util.List;
import org.civicdesk.identity.StaffRole;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** User administration pages for administrators. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasAuthority('USERS_ADMIN')")
class UserAdminController {

    private final StaffUserAdministration administration;
    private final StaffUserRepository users;

    UserAdminController(StaffUserAdministration administration, StaffUserRepository users) {
        this.administration = administration;
        this.users = users;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String list(Model model) {
        model.addAttribute("users", administration.all());
        model.addAttribute("roles", users.roles());
        return "admin/users";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String newForm(Model model) {
        model.addAttribute("form", new StaffUserAdministration.NewUser("", "", "", List.of()));
        model.addAttribute("allRoles", StaffRole.values());
        return "admin/user-new";
    }

    @PostMapping
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email, @RequestParam(required = false) List<String> roles,
            Model model, RedirectAttributes redirect) {
        StaffUserAdministration.NewUser form = new StaffUserAdministration.NewUser(username, displayName, email,
                roles == null ? List.of() : roles);
        try {
            StaffUserAdministration.Created created = administration.create(form);
            redirect.addFlashAttribute("temporaryPassword", created.temporaryPassword());
            redirect.addFlashAttribute("flash", "User " + created.user().username() + " was created.");
            return "redirect:/admin/users/" + created.user().id();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("form", form);
            model.addAttribute("allRoles", StaffRole.values());
            model.addAttribute("problems", e.problems());
            return "admin/user-new";
        }
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("user", administration.get(id));
        model.addAttribute("allRoles", StaffRole.values());
        return "admin/user";
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email, @RequestParam(required = false) List<String> roles,
            Model model, RedirectAttributes redirect) {
        try {
            administration.update(id, displayName, email, roles == null ? List.of() : roles);
            redirect.addFlashAttribute("flash", "Saved.");
            return "redirect:/admin/users/" + id;
        } catch (BusinessRuleViolation e) {
            model.addAttribute("user", administration.get(id));
            model.addAttribute("allRoles", StaffRole.values());
            model.addAttribute("problems", e.problems());
            return "admin/user";
        }
    }

    @PostMapping("/{id}/disable")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String disable(@PathVariable long id, RedirectAttributes redirect) {
        StaffUser user = administration.setEnabled(id, false);
        redirect.addFlashAttribute("flash", "User " + user.username() + " was disabled; their sessions have ended.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/enable")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String enable(@PathVariable long id, RedirectAttributes redirect) {
        StaffUser user = administration.setEnabled(id, true);
        redirect.addFlashAttribute("flash", "User " + user.username() + " was enabled.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/reset-password")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
        String temporary = administration.resetPassword(id);
        redirect.addFlashAttribute("temporaryPassword", temporary);
        redirect.addFlashAttribute("flash", "The password was reset; the user's sessions have ended.");
        return "redirect:/admin/users/" + id;
    }
}
