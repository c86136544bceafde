package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engineFromResource;
import static io.detectionhub.sigma.evaluation.Sigma.fires;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The condition grammar: precedence, parentheses, of-patterns with wildcards and them, condition lists. */
class ConditionTest {

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        EvaluationEngine e = engineFromResource("conditions/precedence.yml");
        // a or (b and (not c))
        assertTrue(fires(e, "{\"A\":1,\"C\":1}"), "a alone is enough even with c");
        assertTrue(fires(e, "{\"B\":1}"));
        assertFalse(fires(e, "{\"B\":1,\"C\":1}"));
        assertFalse(fires(e, "{\"C\":1}"));
    }

    @Test
    void parenthesesGroup() {
        EvaluationEngine e = engineFromResource("conditions/parentheses.yml");
        assertTrue(fires(e, "{\"A\":1}"));
        assertTrue(fires(e, "{\"B\":1}"));
        assertFalse(fires(e, "{\"A\":1,\"C\":1}"), "c excludes a inside the parentheses");
        assertFalse(fires(e, "{\"D\":1}"));
    }

    @Test
    void allOfAndOneOfWithWildcards() {
        EvaluationEngine e = engineFromResource("conditions/of-patterns.yml");
        assertTrue(fires(e, "{\"Image\":\"C:\\\\Windows\\\\cmd.exe\",\"CommandLine\":\"whoami /all\",\"User\":\"bob\"}"));
        assertFalse(fires(e, "{\"Image\":\"C:\\\\Windows\\\\cmd.exe\",\"CommandLine\":\"dir\"}"),
                "all of selection_* needs both");
        assertFalse(fires(e, "{\"Image\":\"C:\\\\Windows\\\\cmd.exe\",\"CommandLine\":\"whoami\",\"User\":\"admin\"}"),
                "one filter is enough to exclude");
    }

    @Test
    void oneOfThemSkipsUnderscoreIdentifiers() {
        EvaluationEngine e = engineFromResource("conditions/them.yml");
        assertTrue(fires(e, "{\"A\":1}"));
        assertTrue(fires(e, "{\"B\":1}"));
        assertFalse(fires(e, "{\"C\":1}"));
    }

    @Test
    void allOfThem() {
        EvaluationEngine e = engineFromResource("conditions/all-of-them.yml");
        assertTrue(fires(e, "{\"A\":1,\"B\":1}"));
        assertFalse(fires(e, "{\"A\":1}"));
    }

    @Test
    void conditionListIsAnOr() {
        EvaluationEngine e = engineFromResource("conditions/condition-list.yml");
        assertTrue(fires(e, "{\"A\":1}"));
        assertTrue(fires(e, "{\"B\":1}"));
        assertFalse(fires(e, "{\"C\":1}"));
    }

    @Test
    void notOfParenthesisedOr() {
        EvaluationEngine e = engineFromResource("conditions/nested-not.yml");
        assertTrue(fires(e, "{\"A\":1}"));
        assertFalse(fires(e, "{\"A\":1,\"B\":1}"));
        assertFalse(fires(e, "{\"A\":1,\"C\":1}"));
    }

    @Test
    void explanationListsTheTrueSelectionsAndMatchedFields() {
        EvaluationEngine e = engineFromResource("conditions/of-patterns.yml");
        EvaluationResult r = Sigma.run(e,
                "{\"Image\":\"C:\\\\Windows\\\\CMD.exe\",\"CommandLine\":\"whoami /all\",\"User\":\"bob\"}");
        assertEquals(1, r.matches().size());
        RuleMatch m = r.matches().get(0);
        assertEquals("00000000-0000-0000-0000-0000000000c3", m.ruleId());
        assertEquals(0, m.eventIndex());
        assertEquals(List.of("selection_img", "selection_cli"), m.matchedSelections());
        assertEquals(List.of(
                new FieldMatch("Image", "C:\\Windows\\CMD.exe", List.of("endswith"), "\\cmd.exe"),
                new FieldMatch("CommandLine", "whoami /all", List.of("contains"), "whoami")), m.matchedFields());
    }
}
