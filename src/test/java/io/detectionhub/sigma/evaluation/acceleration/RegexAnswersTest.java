package io.detectionhub.sigma.evaluation.acceleration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RegexAnswersTest {

    @Test
    void aValueIsRememberedFromItsSecondSighting() {
        RegexAnswers answers = new RegexAnswers();
        String svchost = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule";
        assertNull(answers.answer(svchost));
        answers.remember(svchost, true);
        assertNull(answers.answer(svchost), "seen once");
        answers.remember(svchost, true);
        assertEquals(Boolean.TRUE, answers.answer(svchost));
        assertNull(answers.answer(svchost + " "), "another value");
        String long1 = "x".repeat(RegexAnswers.MAX_LENGTH + 1);
        answers.remember(long1, false);
        answers.remember(long1, false);
        assertNull(answers.answer(long1), "long values are not kept");
    }
}
