package io.detectionhub.sigma.evaluation.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;

import io.detectionhub.sigma.evaluation.event.EventValue;

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

    /** Remembered or not, the matcher answers what RE2/J answers, for values seen any number of times. */
    @Test
    void answersLikeRe2() {
        Pattern regex = Pattern.compile("-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?");
        Matchers.RegexMatch matcher = new Matchers.RegexMatch(regex, regex.pattern());
        Random random = new Random(11);
        List<String> pool = List.of("svchost.exe -k netsvcs -p", "svchost.exe -k", "svchost.exe -k  x", "-k a",
                "svchost.exe calc.exe", "-K netsvcs", "x -k\tDcomLaunch", "-k -p");
        for (int i = 0; i < 2_000; i++) {
            String text = pool.get(random.nextInt(pool.size())) + (random.nextInt(4) == 0 ? random.nextInt(9) : "");
            boolean expected = regex.matcher(text).find();
            EventValue value = EventValue.string(text);
            assertEquals(expected, matcher.match(null, List.of(value)) == value, text);
        }
    }
}
