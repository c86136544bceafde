package io.detectionhub.ruletests;

import io.detectionhub.library.revisions.RevisionPart;
import org.springframework.stereotype.Component;

/**
 * A rule's test cases as a part of its revisions: each revision holds them as {@link RuleTestsJson} (by name, without
 * ids, versions or who and when), the diff shows a case change, and a revert puts the cases back as they were.
 */
@Component
class TestsPart implements RevisionPart {

    static final String NAME = "tests";

    private final RuleTestService tests;

    TestsPart(RuleTestService tests) {
        this.tests = tests;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String snapshot(String ruleId) {
        return tests.casesJson(ruleId);
    }

    @Override
    public void restore(String ruleId, String snapshot) {
        tests.restoreCases(ruleId, snapshot);
    }
}
