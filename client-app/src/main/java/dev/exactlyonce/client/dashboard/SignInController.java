package dev.exactlyonce.client.dashboard;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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
}
