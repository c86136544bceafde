package io.detectionhub.coverage;

import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.library.RuleService;
import io.detectionhub.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Coverage learns of library writes through the library's RuleLibraryChanged events, never by being called. */
@AppTest
class CoverageReactsToLibraryChangesTest {

    static final String RULE = """
            title: Coverage event test
            id: 3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    CommandLine|contains: 'coverage-event-test'
                condition: selection
            tags:
                - attack.t1059.004
            level: low
            """;

    @Autowired
    CoverageService coverage;

    @Autowired
    AtomicCoverageService atomicCoverage;

    @Autowired
    RuleService rules;

    @Test
    void aCommittedWriteDropsWhatWasComputedForTheOldLibrary() {
        rules.find("3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f").ifPresent(r -> rules.delete(r.id()));
        int before = coverage.coverage(CoverageFilter.ANY).rulesConsidered();
        atomicCoverage.forTechnique("T1059.004", false);
        assertThat(coverage.cachedReports()).isPositive();
        assertThat(atomicCoverage.holdsCompiledLibrary()).isTrue();

        rules.create(RULE, null);

        assertThat(coverage.cachedReports()).isZero();
        assertThat(atomicCoverage.holdsCompiledLibrary()).isFalse();
        assertThat(coverage.coverage(CoverageFilter.ANY).rulesConsidered()).isEqualTo(before + 1);
        rules.delete("3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    }
}
