package io.detectionhub.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.library.FacetCounts;
import io.detectionhub.library.RuleFacet;
import io.detectionhub.library.RuleHits;
import io.detectionhub.library.RuleKind;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules page in a web slice: its links speak the API's parameters, its facets come from the one engine. */
@WithMockUser(roles = "EDITOR")
@WebMvcTest(RuleListPageController.class)
@Import(RuleCards.class)
class RuleListPageControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RuleService rules;

    @MockitoBean
    AttackService attack;

    @Test
    void facetLinksAndSortLinksUseTheApisParameters() throws Exception {
        when(rules.searchWithHighlights(any(), any())).thenAnswer(call -> new RuleHits(new PageImpl<>(List.of(new RuleSummary("r1",
                RuleKind.RULE, "Shell via ssh", "high", "test", "linux", "process_creation", null, "someone", null,
                null, List.of(), List.of(), List.of("T1059"), Instant.EPOCH, Instant.EPOCH)),
                call.getArgument(1, Pageable.class), 1), Map.of(), null));
        when(rules.facets(any(), any(), anyBoolean())).thenReturn(new FacetCounts(1, Map.of(
                RuleFacet.LEVEL, Map.of("high", 1L), RuleFacet.ATOMIC_TESTS, Map.of("false", 1L))));
        when(attack.tactic(any())).thenReturn(Optional.empty());
        when(attack.technique(any())).thenAnswer(call -> Technique.minimal(call.getArgument(0), null, List.of(), null));

        String html = mvc.perform(get("/rules?q=ssh&level=high&sort=-modified"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("href=\"/rules?q=ssh&amp;sort=-modified\"")
                .contains("href=\"/rules?q=ssh&amp;level=high&amp;hasAtomicTests=false&amp;sort=-modified\"")
                .contains("href=\"/rules?q=ssh&amp;level=high&amp;sort=-level\"")
                .contains("/rules/r1");
        verify(rules).facets(eq(new RuleQuery("ssh", null, null, List.of("high"), null, null, null, null, null,
                null, null)), any(), eq(true));
    }
}
