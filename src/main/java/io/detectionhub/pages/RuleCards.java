package io.detectionhub.pages;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the page views of rules: cards, technique chips with ATT&amp;CK names, log source labels. */
@Component
class RuleCards {

    private final AttackService attack;
    private final RuleService rules;

    RuleCards(AttackService attack, RuleService rules) {
        this.attack = attack;
        this.rules = rules;
    }

    /** A card without description and source (the list view). */
    RuleCard card(RuleSummary s) {
        return new RuleCard(s.id(), s.title(), s.level(), s.status(), null, chips(s.techniques(), false),
                logsource(s.product(), s.category(), s.service()), changed(s), null, s.author());
    }

    /** Cards with technique names and each rule's source host (the feed); the sources come in one query. */
    List<RuleCard> feedCards(List<RuleSummary> summaries) {
        Map<String, String> sources = rules.sourceUrls(summaries.stream().map(RuleSummary::id).toList());
        return summaries.stream().map(s -> new RuleCard(s.id(), s.title(), s.level(), s.status(), null,
                chips(s.techniques(), true), logsource(s.product(), s.category(), s.service()), changed(s),
                host(sources.get(s.id())).orElse(null), s.author())).toList();
    }

    /** Chips for technique ids, most specific last; named when {@code named}. */
    List<TechniqueChip> chips(List<String> techniqueIds, boolean named) {
        List<TechniqueChip> chips = new ArrayList<>();
        for (String id : techniqueIds) {
            chips.add(new TechniqueChip(id, named ? name(id) : null));
        }
        return chips;
    }

    String name(String techniqueId) {
        Technique t = attack.technique(techniqueId);
        return t == null || t.name() == null || t.name().isBlank() ? null : t.name();
    }

    static String logsource(String product, String category, String service) {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {product, category, service}) {
            if (part != null && !part.isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append(" / ");
                }
                sb.append(part);
            }
        }
        return sb.isEmpty() ? "any log source" : sb.toString();
    }

    private static String changed(RuleSummary s) {
        return s.modified() != null ? s.modified().toString() : s.date() != null ? s.date().toString() : null;
    }

    static Optional<String> host(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            String host = URI.create(url).getHost();
            return Optional.ofNullable(host == null ? null : host.replaceFirst("^www\\.", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
