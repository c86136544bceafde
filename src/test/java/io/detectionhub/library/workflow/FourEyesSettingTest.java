package io.detectionhub.library.workflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FourEyesSettingTest {

    private static RuleReview review(String setting, long editors) {
        return new RuleReview(null, null, null, null, setting, () -> editors);
    }

    @Test
    void autoIsOnOnlyOnceMoreThanOneAccountMayEdit() {
        assertThat(review("auto", 1).fourEyes()).as("a single engineer approves alone").isFalse();
        assertThat(review("auto", 2).fourEyes()).as("a team gets four-eyes without configuring it").isTrue();
        assertThat(review(null, 3).fourEyes()).isTrue();
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(review("true", 1).fourEyes()).isTrue();
        assertThat(review("false", 5).fourEyes()).isFalse();
        assertThatThrownBy(() -> review("sometimes", 2)).hasMessageContaining("auto, true or false");
    }
}
