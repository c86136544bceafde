package io.detectionhub.pages;

import io.detectionhub.security.ViewerRole;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The about page: what the app is, and the credits and licences of the data it ships (ATT&CK, Atomic, SigmaHQ). */
@Controller
class AboutPageController {

    @ViewerRole
    @GetMapping("/about")
    String about() {
        return "about";
    }
}
