package io.detectionhub.library.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.detectionhub.library.FacetCounts;
import io.detectionhub.library.RuleFacet;
import io.detectionhub.library.RuleHits;
import io.detectionhub.library.RuleKind;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.Enrichment;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The rule API's request model and answers in a web slice: the library behind it is a mock. */
@WithMockUser(roles = "EDITOR")
@WebMvcTest(RuleApiController.class)
class RuleApiControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RuleService rules;

    static RuleSummary summary(String id) {
        return new RuleSummary(id, RuleKind.RULE, "Title " + id, "high", "test", "linux", "process_creation", null,
                "someone", null, null, List.of(), List.of(), List.of(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void searchParametersBindToOneQueryAndOnePage() throws Exception {
        when(rules.searchWithHighlights(any(), any())).thenAnswer(call -> new RuleHits(new PageImpl<>(
                List.of(summary("r1")), call.getArgument(1, Pageable.class), 11), Map.of(), null));
        mvc.perform(get("/api/rules?q=ssh&level=high&level=critical&technique=T1059&hasAtomicTests=true"
                        + "&kind=correlation&sort=-modified&sort=title,desc&page=2&size=5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(11))
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.items[0].id").value("r1"))
                .andExpect(jsonPath("$.facets").doesNotExist());
        ArgumentCaptor<RuleQuery> query = ArgumentCaptor.forClass(RuleQuery.class);
        ArgumentCaptor<Pageable> page = ArgumentCaptor.forClass(Pageable.class);
        verify(rules).searchWithHighlights(query.capture(), page.capture());
        assertThat(query.getValue()).isEqualTo(new RuleQuery("ssh", null, List.of("T1059"),
                List.of("high", "critical"), null, null, null, null, null, RuleKind.CORRELATION, true));
        assertThat(page.getValue().getPageNumber()).isEqualTo(2);
        assertThat(page.getValue().getPageSize()).isEqualTo(5);
        assertThat(page.getValue().getSort()).containsExactly(Sort.Order.desc("modified").nullsLast(),
                Sort.Order.desc("title"));
    }

    @Test
    void facetsComeFromTheOneFacetEngine() throws Exception {
        when(rules.searchWithHighlights(any(), any())).thenAnswer(call -> new RuleHits(new PageImpl<>(List.of(),
                call.getArgument(1, Pageable.class), 3), Map.of(), null));
        when(rules.facets(any(), eq(RuleFacets.COUNTED), eq(false))).thenReturn(new FacetCounts(3, Map.of(
                RuleFacet.LEVEL, Map.of("high", 2L), RuleFacet.ATOMIC_TESTS, Map.of("true", 1L, "false", 2L))));
        mvc.perform(get("/api/rules?product=windows&facets=true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.facets.total").value(3))
                .andExpect(jsonPath("$.facets.levels.high").value(2))
                .andExpect(jsonPath("$.facets.withAtomicTests").value(1));
    }

    @Test
    void badSearchParametersAreProblemDetailsAndNeverReachTheLibrary() throws Exception {
        for (String query : List.of("sort=password", "sort=title,sideways", "size=0", "size=201", "page=-1",
                "page=2147483647", "page=5001&size=200", "kind=macro", "size=abc", "hasAtomicTests=maybe")) {
            mvc.perform(get("/api/rules?" + query))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        verify(rules, never()).searchWithHighlights(any(), any());
    }

    @Test
    void unknownRulesAreProblemDetailsNamingTheRule() throws Exception {
        when(rules.find("nope")).thenReturn(java.util.Optional.empty());
        mvc.perform(get("/api/rules/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://detectionhub.io/problems/rule-not-found"))
                .andExpect(jsonPath("$.ruleId").value("nope"));
    }

    @Test
    void ifMatchNamesTheVersionTheClientRead() throws Exception {
        when(rules.updateEnrichment(eq("r1"), any(), eq(7L), isNull())).thenReturn(stored("r1", 8));
        mvc.perform(put("/api/rules/r1/enrichment").header("If-Match", "W/\"7\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{}").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"8\""));
        mvc.perform(put("/api/rules/r1/enrichment").header("If-Match", "yesterday")
                        .contentType(MediaType.APPLICATION_JSON).content("{}").with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        when(rules.updateEnrichment(eq("gone"), any(), any(), any())).thenThrow(new RuleNotFoundException("gone"));
        mvc.perform(put("/api/rules/gone/enrichment").header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{}").with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aChangeWithoutIfMatchIsRefusedWith428AndAStarChangesWhateverIsStored() throws Exception {
        mvc.perform(put("/api/rules/r1/enrichment").contentType(MediaType.APPLICATION_JSON).content("{}").with(csrf()))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.type").value("https://detectionhub.io/problems/precondition-required"));
        mvc.perform(delete("/api/rules/r1").with(csrf()))
                .andExpect(status().isPreconditionRequired());
        mvc.perform(put("/api/rules/r1").contentType("application/yaml").content("title: x").with(csrf()))
                .andExpect(status().isPreconditionRequired());
        verify(rules, never()).updateEnrichment(any(), any(), any());
        verify(rules, never()).delete(any(), any());
        verify(rules, never()).replace(any(), any(), any(Enrichment.class), any());

        when(rules.updateEnrichment(eq("r1"), any(), isNull(), isNull())).thenReturn(stored("r1", 3));
        mvc.perform(put("/api/rules/r1/enrichment").header("If-Match", "*")
                        .contentType(MediaType.APPLICATION_JSON).content("{}").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""));
    }

    static StoredRule stored(String id, long version) {
        return new StoredRule(id, RuleKind.RULE, "title: x", null, Enrichment.EMPTY, Instant.EPOCH, Instant.EPOCH,
                version, null);
    }
}
