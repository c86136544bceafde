package io.detectionhub.pages;

import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSort;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.security.ViewerRole;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/** The feed (home page): the newest rules and the recently changed ones. */
@Controller
class FeedPageController {

    static final int FEED_SIZE = 12;

    private final RuleService rules;
    private final RuleCards cards;

    FeedPageController(RuleService rules, RuleCards cards) {
        this.rules = rules;
        this.cards = cards;
    }

    @ViewerRole
    @GetMapping("/")
    String feed(Model model) {
        Page<RuleSummary> newest = rules.search(RuleQuery.ALL,
                PageRequest.of(0, FEED_SIZE, RuleSort.parse(List.of("-date"))));
        List<String> shown = newest.getContent().stream().map(RuleSummary::id).toList();
        Page<RuleSummary> changed = rules.search(RuleQuery.ALL,
                PageRequest.of(0, FEED_SIZE + shown.size(), RuleSort.parse(List.of("-modified"))));
        model.addAttribute("newest", cards.feedCards(newest.getContent()));
        model.addAttribute("changed", cards.feedCards(changed.getContent().stream()
                .filter(s -> s.modified() != null && !shown.contains(s.id())).limit(FEED_SIZE).toList()));
        model.addAttribute("totalRules", newest.getTotalElements());
        return "feed";
    }
}
