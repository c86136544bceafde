package io.detectionhub.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.detectionhub.library.RuleFacet;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.web.BadRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.ServletRequestDataBinder;

import java.util.Map;

class RuleListLinksTest {

    /** The page's search bound from request parameters as Spring MVC binds it. */
    static RuleListLinks links(Map<String, String> parameters) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/rules");
        parameters.forEach(request::addParameter);
        ServletRequestDataBinder binder = new ServletRequestDataBinder(null, "search");
        binder.setTargetType(ResolvableType.forClass(RuleSearch.class));
        binder.construct(request);
        assertThat(binder.getBindingResult().hasErrors()).as(binder.getBindingResult().toString()).isFalse();
        return new RuleListLinks((RuleSearch) binder.getTarget());
    }

    @Test
    void emptyQueryIsTheBareRulesAddress() {
        RuleListLinks query = links(Map.of());
        assertThat(query.url()).isEqualTo("/rules");
        assertThat(query.getSort()).isEqualTo("title");
        assertThat(query.pageBase()).isEqualTo("/rules?");
    }

    @Test
    void toggleSelectsThenClearsAFacetAndResetsThePage() {
        RuleListLinks query = links(Map.of("q", "ssh shell", "page", "3"));
        assertThat(query.getSort()).as("relevance is the default order of a text search").isEqualTo("relevance");
        assertThat(query.withSort("relevance")).isEqualTo("/rules?q=ssh+shell");
        assertThat(query.withSort("title")).isEqualTo("/rules?q=ssh+shell&sort=title");
        String selected = query.toggle(RuleFacet.LEVEL, "high");
        assertThat(selected).isEqualTo("/rules?q=ssh+shell&level=high");
        RuleListLinks next = links(Map.of("q", "ssh shell", "level", "high"));
        assertThat(next.isSelected(RuleFacet.LEVEL, "HIGH")).isTrue();
        assertThat(next.toggle(RuleFacet.LEVEL, "high")).isEqualTo("/rules?q=ssh+shell");
        assertThat(next.toggle(RuleFacet.LEVEL, "low")).isEqualTo("/rules?q=ssh+shell&level=low");
        assertThat(next.toggle(RuleFacet.ATOMIC_TESTS, "true"))
                .isEqualTo("/rules?q=ssh+shell&level=high&hasAtomicTests=true");
    }

    @Test
    void unknownParametersAndBlankValuesAreDropped() {
        RuleListLinks query = links(Map.of("evil", "x", "technique", "  ", "tactic", "execution"));
        assertThat(query.url()).isEqualTo("/rules?tactic=execution");
        assertThat(query.search().pageable(RuleListPageController.PAGE_SIZE).getPageNumber()).isZero();
    }

    @Test
    void badSortAndPageAreRefusedAsByTheApi() {
        assertThatThrownBy(() -> links(Map.of("sort", "drop table")).search().pageable(50))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("cannot sort by 'drop table'");
        assertThatThrownBy(() -> links(Map.of("page", "-1")).search().pageable(50))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("page must be 0 or more");
    }

    @Test
    void valuesAreUrlEncoded() {
        RuleListLinks query = links(Map.of("author", "Florian Roth (Nextron Systems) & co"));
        assertThat(query.url()).isEqualTo("/rules?author=Florian+Roth+%28Nextron+Systems%29+%26+co");
    }

    @Test
    void sortAndPageLinksKeepFilters() {
        RuleListLinks query = links(Map.of("level", "high", "sort", "-modified", "page", "2"));
        assertThat(query.withSort("-level")).isEqualTo("/rules?level=high&sort=-level");
        assertThat(query.withPage(3)).isEqualTo("/rules?level=high&sort=-modified&page=3");
        assertThat(query.pageBase()).isEqualTo("/rules?level=high&sort=-modified&");
        assertThat(query.without(RuleFacet.LEVEL)).isEqualTo("/rules?sort=-modified");
    }
}
