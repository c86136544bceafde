package io.detectionhub.ruletests;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RuleRevision;
import io.detectionhub.library.workflow.ReviewSection;
import io.detectionhub.library.workflow.ReviewSectionView;
import io.detectionhub.library.workflow.ReviewSectionView.Item;
import io.detectionhub.library.workflow.ReviewSectionView.Link;
import io.detectionhub.library.workflow.ReviewSectionView.Status;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The review's test section: the rule's test cases run now against the current rule (as stored, like the Tests tab's
 * run) and against the approved revision's text, so the reviewer sees pass or fail per case, which cases this change
 * breaks or fixes, and a link to each case's explanation. One rule's cases, synchronously: at most
 * {@link #MAX_CASES} run, the rest are left to the Tests tab. Item states are the case outcomes: {@code passed},
 * {@code failed}, {@code error}.
 */
@Component
@Order(20)
class TestsReviewSection implements ReviewSection {

    static final String NAME = "tests";
    /** Cases run per review at most (the Review page runs this for every waiting rule it shows in full). */
    static final int MAX_CASES = 50;

    private final RuleTestService tests;
    private final EvaluationService evaluation;

    TestsReviewSection(RuleTestService tests, EvaluationService evaluation) {
        this.tests = tests;
        this.evaluation = evaluation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReviewSectionView view(String ruleId, RuleRevision approved, StoredRule current) {
        List<RuleTestCase> all = tests.list(ruleId);
        String testsTab = path(ruleId, null, null);
        if (all.isEmpty()) {
            return new ReviewSectionView(NAME, "Test cases", Status.NONE, "No test cases: nothing shows whether "
                    + "this rule still fires on what it was written for.", List.of(),
                    List.of(new Link("Add test cases on the Tests tab", path(ruleId, null, "add-test"))));
        }
        List<RuleTestCase> cases = all.subList(0, Math.min(all.size(), MAX_CASES));
        CaseRunner now = new CaseRunner(evaluation, new RuleSelection.Ids(List.of(ruleId)), ruleId);
        // the approved text is run only when it differs: otherwise its results are the current ones
        boolean compare = approved != null && !approved.yaml().equals(current.yaml());
        CaseRunner then = compare ? new CaseRunner(evaluation, new RuleSelection.Yaml(approved.yaml()), ruleId) : null;
        List<Item> items = new ArrayList<>();
        int passed = 0;
        int passedApproved = 0;
        int breaks = 0;
        for (RuleTestCase c : cases) {
            CaseResult result = now.run(c.id(), c.draft());
            boolean before = compare ? then.run(c.id(), c.draft()).passed() : result.passed();
            passed += result.passed() ? 1 : 0;
            passedApproved += before ? 1 : 0;
            String note = null;
            if (compare && before != result.passed()) {
                note = before ? "Passes with the approved revision " + approved.number() + ": this change breaks it."
                        : "Fails with the approved revision " + approved.number() + ": this change fixes it.";
                breaks += before ? 1 : 0;
            }
            Link explanation = result.passed()
                    ? new Link("Run on the Tests tab", path(ruleId, true, "case-" + c.id()))
                    : new Link("Why it " + result.outcome().keyword(), path(ruleId, true, "why-" + c.id()));
            items.add(new Item(String.valueOf(c.id()), c.name(), result.outcome().keyword(),
                    result.expectation() + ": " + result.message(), note, null, explanation));
        }
        StringBuilder summary = new StringBuilder().append(passed).append(" of ").append(cases.size())
                .append(cases.size() == 1 ? " test case passes" : " test cases pass").append(" with the current text");
        if (approved != null) {
            summary.append(" (").append(passedApproved).append(" with the approved revision ")
                    .append(approved.number()).append(')');
        }
        if (breaks > 0) {
            summary.append("; ").append(breaks).append(breaks == 1 ? " starts failing with this change"
                    : " start failing with this change");
        }
        if (all.size() > cases.size()) {
            summary.append("; only the first ").append(cases.size()).append(" of ").append(all.size())
                    .append(" cases ran here");
        }
        summary.append('.');
        return new ReviewSectionView(NAME, "Test cases", passed == cases.size() ? Status.PASSED : Status.FAILED,
                summary.toString(), items, List.of(new Link("The rule's test cases", testsTab)));
    }

    /** The Tests tab, run when {@code run} (so each case's explanation shows), at {@code fragment}. */
    private static String path(String ruleId, Boolean run, String fragment) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/rules/{id}/tests");
        if (run != null) {
            b.queryParam("run", run);
        }
        return b.fragment(fragment).buildAndExpand(ruleId).encode().toUriString();
    }
}
