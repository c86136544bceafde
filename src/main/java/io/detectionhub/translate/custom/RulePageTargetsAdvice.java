package io.detectionhub.translate.custom;

import io.detectionhub.library.RulePageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/** Gives the rule page the names of the user targets, so a rule can be translated with one of them. */
@ControllerAdvice(assignableTypes = RulePageController.class)
public class RulePageTargetsAdvice {

    private final CustomTargetService targets;

    RulePageTargetsAdvice(CustomTargetService targets) {
        this.targets = targets;
    }

    @ModelAttribute("userTargetNames")
    public List<String> userTargetNames() {
        return targets.list().stream().filter(t -> t.target() != null).map(t -> t.current().name()).toList();
    }
}
