package org.civicdesk.portal.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The portal's language: ?lang=es (or en) on any portal page switches it, and the choice is remembered, in a
 * cookie for the anonymous and in portal_login.language once signed in. Staff pages keep the browser's language
 * as before (they are written in English and do not read the bundles).
 */
@Configuration(proxyBeanMethods = false)
class PortalLanguage implements WebMvcConfigurer {

    static final String COOKIE = "CIVICDESK_PORTAL_LANG";
    static final Locale SPANISH = Locale.forLanguageTag("es");

    private final PortalAccounts accounts;

    PortalLanguage(@org.springframework.context.annotation.Lazy PortalAccounts accounts) {
        this.accounts = accounts;
    }

    static boolean portal(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/portal");
    }

    static String supported(String language) {
        return "es".equals(language) || "en".equals(language) ? language : null;
    }

    /**
     * The language of a portal request: the switch, else the signed-in login's, else the cookie's, else the
     * browser's when it prefers Spanish, else English.
     */
    static String languageOf(HttpServletRequest request) {
        String asked = supported(request.getParameter("lang"));
        if (asked != null) {
            return asked;
        }
        HttpSession session = request.getSession(false);
        if (session != null && supported((String) session.getAttribute(PortalSessionFilter.LANGUAGE)) != null) {
            return (String) session.getAttribute(PortalSessionFilter.LANGUAGE);
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && supported(c.getValue()) != null) {
                    return c.getValue();
                }
            }
        }
        return "es".equals(request.getLocale().getLanguage()) ? "es" : "en";
    }

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver staff = new AcceptHeaderLocaleResolver();
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                if (!portal(request)) {
                    return staff.resolveLocale(request);
                }
                return "es".equals(languageOf(request)) ? SPANISH : Locale.ENGLISH;
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("The portal's language is chosen with ?lang=");
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String asked = supported(request.getParameter("lang"));
                if (asked != null) {
                    remember(request, response, asked);
                }
                return true;
            }
        }).addPathPatterns("/portal", "/portal/**");
    }

    private void remember(HttpServletRequest request, HttpServletResponse response, String language) {
        Cookie cookie = new Cookie(COOKIE, language);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalCustomer customer
                && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(PortalAuthenticationProvider.CUSTOMER_ROLE))) {
            accounts.changeLanguage(customer, language);
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setAttribute(PortalSessionFilter.LANGUAGE, language);
            }
        }
    }
}
