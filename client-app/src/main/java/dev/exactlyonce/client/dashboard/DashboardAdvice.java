package dev.exactlyonce.client.dashboard;

import java.security.Principal;

import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.operation.OperationNotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every dashboard page needs, and failures as pages in plain words. It comes before client-app's
 * problem+json advice, which is right for the JSON API but not for a person in a browser.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private static final Logger log = LoggerFactory.getLogger(DashboardAdvice.class);

    private final DashboardProperties properties;

    DashboardAdvice(DashboardProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("user")
    String user(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ModelAttribute("pollMillis")
    long pollMillis() {
        return properties.pollInterval().toMillis();
    }

    @ExceptionHandler(OperationNotFoundException.class)
    ModelAndView operationNotFound() {
        return page(HttpStatus.NOT_FOUND, "There is no such operation among yours.");
    }

    @ExceptionHandler(BankReadRefusedException.class)
    ModelAndView bankRefused(BankReadRefusedException ex) {
        return ex.status() == 404 ? page(HttpStatus.NOT_FOUND, "The bank has no such account among yours.")
                : page(HttpStatus.BAD_GATEWAY, "The bank refused to show this. Try again in a moment.");
    }

    @ExceptionHandler(BankUnavailableException.class)
    ModelAndView bankUnavailable() {
        return page(HttpStatus.SERVICE_UNAVAILABLE, "The bank is not answering right now. Nothing you sent is lost: "
                + "try again in a moment.");
    }

    /** Spring MVC's own failures (a malformed id in the address, a missing parameter) and anything unforeseen. */
    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception ex) {
        if (ex instanceof ErrorResponse response) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            return page(status == null ? HttpStatus.BAD_REQUEST : status, null);
        }
        log.error("Dashboard request failed", ex);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, null);
    }

    static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        if (message != null) {
            page.addObject("message", message);
        }
        return page;
    }
}
