package dev.exactlyonce.client.dashboard;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.exactlyonce.client.security.SignInThrottledException;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** The sign-in page; Spring Security checks the form it posts. */
@Controller
class SignInController {

    private final boolean local;

    SignInController(Environment environment) {
        this.local = environment.acceptsProfiles(Profiles.of("local"));
    }

    @GetMapping("/login")
    String signIn(Model model) {
        // The demo users' passwords are printed only where they are the well-known local ones.
        model.addAttribute("demoUsers", local);
        return "login";
    }

    /**
     * The sign-in page again, with status 429 and the reason, for a form sign-in that was refused without
     * checking its password. Spring Security forwards here; reached any other way it is the plain page.
     */
    @RequestMapping(path = SignInThrottledException.SIGN_IN_PAGE, method = { RequestMethod.GET, RequestMethod.POST })
    String throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!(request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof SignInThrottledException throttled)) {
            return "redirect:/login";
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("throttled", "Too many sign-ins with this name or from this address did not match, so "
                + "signing in is paused for " + wait(throttled.retryAfter()) + ". Your password was not checked. "
                + "Wait, then try again.");
        return signIn(model);
    }

    /** "about 2 minutes", "40 seconds". */
    static String wait(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        if (seconds < 120) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        return "about " + (seconds + 59) / 60 + " minutes";
    }
}
