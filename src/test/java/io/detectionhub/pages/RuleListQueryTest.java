package io.detectionhub.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleListQueryTest {

    @Test
    void emptyQueryIsTheBareRulesAddress() {
        RuleListQuery query = RuleListQuery.from(Map.of());
        assertThat(query.url()).isEqualTo("/rules");
        assertThat(query.getSort()).isEqualTo("title");
        assertThat(query.pageBase()).isEqualTo("/rules?");
    }

    @Test
    void toggleSelectsThenClearsAFacetAndResetsThePage() {
        RuleListQuery query = RuleListQuery.from(Map.of("q", "ssh shell", "page", "3"));
        assertThat(query.getSort()).isEqualTo("title");
        String selected = query.toggle("level", "high");
        assertThat(selected).isEqualTo("/rules?q=ssh+shell&level=high");
        RuleListQuery next = RuleListQuery.from(Map.of("q", "ssh shell", "level", "high"));
        assertThat(next.isSelected("level", "HIGH")).isTrue();
        assertThat(next.toggle("level", "high")).isEqualTo("/rules?q=ssh+shell");
        assertThat(next.toggle("level", "low")).isEqualTo("/rules?q=ssh+shell&level=low");
    }

    @Test
    void unknownParametersAndBadValuesAreDropped() {
        RuleListQuery query = RuleListQuery.from(Map.of("evil", "x", "sort", "drop table", "page", "-1",
                "technique", "  ", "tactic", "execution"));
        assertThat(query.url()).isEqualTo("/rules?tactic=execution");
        assertThat(query.getPage()).isZero();
    }

    @Test
    void valuesAreUrlEncoded() {
        RuleListQuery query = RuleListQuery.from(Map.of("author", "Florian Roth (Nextron Systems) & co"));
        assertThat(query.url()).isEqualTo("/rules?author=Florian+Roth+%28Nextron+Systems%29+%26+co");
    }

    @Test
    void sortAndPageLinksKeepFilters() {
        RuleListQuery query = RuleListQuery.from(Map.of("level", "high", "sort", "modified", "page", "2"));
        assertThat(query.withSort("level")).isEqualTo("/rules?level=high&sort=level");
        assertThat(query.withPage(3)).isEqualTo("/rules?level=high&sort=modified&page=3");
        assertThat(query.pageBase()).isEqualTo("/rules?level=high&sort=modified&");
        assertThat(query.without("level")).isEqualTo("/rules?sort=modified");
    }
}
