package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static io.detectionhub.sigma.evaluation.Sigma.fires;
import static io.detectionhub.sigma.evaluation.Sigma.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The corners where a probe (the literal a value must hold) could rule out a value that matches: each is evaluated
 * through the normal run, with the probe search on, with a matching and a non-matching event.
 */
class ProbeGatingTest {

    @Test
    void aNumberMatchesNumeralsWrittenOtherwise() {
        EvaluationEngine e = engine(rule("EventID: 4688"));
        assertTrue(fires(e, "{\"EventID\": 4688}"));
        assertTrue(fires(e, "{\"EventID\": \"4.688e3\"}"));
        assertTrue(fires(e, "{\"EventID\": 4688.0}"));
        assertFalse(fires(e, "{\"EventID\": \"0x1250\"}"));
        assertFalse(fires(e, "{\"EventID\": 4689}"));
    }

    @Test
    void casedAndUncasedValuesAreFoundWhateverTheEventCase() {
        EvaluationEngine cased = engine(rule("CommandLine|contains|cased: 'Invoke-Mimikatz'"));
        assertTrue(fires(cased, "{\"CommandLine\": \"powershell Invoke-Mimikatz -DumpCreds\"}"));
        assertFalse(fires(cased, "{\"CommandLine\": \"powershell invoke-mimikatz -DumpCreds\"}"));
        EvaluationEngine uncased = engine(rule("Image|endswith: '\\WHOAMI.exe'"));
        assertTrue(fires(uncased, "{\"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.EXE\"}"));
        assertFalse(fires(uncased, "{\"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe.bak\"}"));
    }

    @Test
    void wildcardsInTheMiddleUseTheirLongestAnchoredRun() {
        EvaluationEngine e = engine(rule("Image: 'C:\\Users\\\\*\\AppData\\Local\\Temp\\\\*.exe'"));
        assertTrue(fires(e, "{\"Image\": \"c:\\\\users\\\\bob\\\\appdata\\\\local\\\\temp\\\\x.exe\"}"));
        assertFalse(fires(e, "{\"Image\": \"D:\\\\users\\\\bob\\\\appdata\\\\local\\\\temp\\\\x.exe\"}"));
    }

    @Test
    void keywordsAreFoundInAnyStringValue() {
        EvaluationEngine e = engine(rule("- 'sekurlsa::logonpasswords'"));
        assertTrue(fires(e, "{\"Event\": {\"EventData\": {\"Data\": \"x SEKURLSA::LogonPasswords y\"}}}"));
        assertFalse(fires(e, "{\"Event\": {\"EventData\": {\"Data\": \"sekurlsa::\"}}}"));
    }

    @Test
    void regularExpressionsAreGatedByWhatEveryMatchHolds() {
        EvaluationEngine e = engine(rule("CommandLine|re: '(?i)\\\\[a-z0-9]{1,32}\\.[a-z0-9]{1,6}\\.[ \"'']'"));
        assertTrue(fires(e, "{\"CommandLine\": \"rundll32 C:\\\\ProgramData\\\\Ab1.Xyz. \"}"));
        assertFalse(fires(e, "{\"CommandLine\": \"rundll32 C:\\\\ProgramData\\\\Ab1.Xyz.dll\"}"));
        EvaluationEngine backtick = engine(rule("CommandLine|re: '\\w+`(?:\\w+|-|.)`[\\w+|\\s]'"));
        assertTrue(fires(backtick, "{\"CommandLine\": \"IN`V`o`Ke-eXp`ResSIOn\"}"));
        assertFalse(fires(backtick, "{\"CommandLine\": \"Invoke-Expression\"}"));
    }

    @Test
    void aRegularExpressionLongerThanTheValueIsNotRun() {
        EvaluationEngine e = engine(rule("CommandLine|re: '\\s[a-fA-F0-9]{8}\\s'"));
        assertTrue(fires(e, "{\"CommandLine\": \"x 0123abcd y\"}"));
        assertFalse(fires(e, "{\"CommandLine\": \" 0123abc \"}"));
    }

    @Test
    void windashAndShortRarePunctuationAreFound() {
        EvaluationEngine windash = engine(rule("CommandLine|windash|contains: ' -enc '"));
        assertTrue(fires(windash, "{\"CommandLine\": \"powershell \\u2014enc SQBFAFgA\"}".replace("\\u2014enc",
                "\u2014enc ")));
        assertTrue(fires(windash, "{\"CommandLine\": \"powershell /enc SQBFAFgA\"}"));
        assertFalse(fires(windash, "{\"CommandLine\": \"powershell -encoded\"}"));
        EvaluationEngine caret = engine(rule("CommandLine|contains: '^^'"));
        assertTrue(fires(caret, "{\"CommandLine\": \"c^^md /c whoami\"}"));
        assertFalse(fires(caret, "{\"CommandLine\": \"c^md /c whoami\"}"));
    }

    @Test
    void aFieldNameWithSpacesIsFoundUnderItsCompactedEventKey() {
        EvaluationEngine e = engine(rule("Threat Name|contains: 'Mimikatz'"));
        assertTrue(fires(e, "{\"Event\": {\"EventData\": {\"Threat Name\": \"HackTool:Win32/Mimikatz\"}}}"));
        assertFalse(fires(e, "{\"Event\": {\"EventData\": {\"Threat Name\": \"Trojan:Win32/Emotet\"}}}"));
    }

    @Test
    void theProbeSearchLeavesFewRulesToEvaluate() {
        EvaluationEngine e = engine("""
                title: A
                logsource: {category: test}
                detection: {selection: {Image|endswith: '\\\\certutil.exe', CommandLine|contains: 'urlcache'},
                    condition: selection}
                ---
                title: B
                logsource: {category: test}
                detection: {selection: {Image|endswith: '\\\\whoami.exe'}, condition: selection}
                """);
        EvaluationEngine.Run run = e.newRun(RunOptions.DEFAULT);
        run.accept(Sigma.event("{\"Image\": \"C:\\\\Windows\\\\certutil.exe\", \"CommandLine\": \"certutil -f\"}"));
        assertEquals(0, run.ruleEvaluations(), "A needs both literals, B its own");
        run.accept(Sigma.event("{\"Image\": \"C:\\\\Windows\\\\whoami.exe\", \"CommandLine\": \"whoami\"}"));
        assertEquals(1, run.ruleEvaluations());
        assertEquals(1, run.finish().matches().size());
    }

    @Test
    void mapsThatSelectNoRuleAreEvaluatedNotSearchedFor() {
        EvaluationEngine e = engine("""
                title: Certutil download
                logsource: {category: test}
                detection:
                    selection_img: {Image|endswith: '\\\\certutil.exe'}
                    selection_cli: {CommandLine|contains: 'urlcache'}
                    filter_main: {ParentImage|endswith: '\\\\msiexec.exe'}
                    condition: all of selection_* and not filter_main
                ---
                title: Certutil download, filtered in its own document
                name: filtered
                logsource: {category: test}
                detection: {selection: {Image|endswith: '\\\\certutil.exe', CommandLine|contains: 'verifyctl'},
                    condition: selection}
                ---
                title: Not from installers
                logsource: {category: test}
                filter:
                    rules: [filtered]
                    selection: {ParentImage|startswith: 'C:\\\\Program Files\\\\'}
                    condition: not selection
                """);
        assertTrue(fires(e, "{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -urlcache -f\","
                + " \"ParentImage\": \"C:\\\\cmd.exe\"}"));
        assertFalse(fires(e, "{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -f\","
                + " \"ParentImage\": \"C:\\\\cmd.exe\"}"), "the selection the search did not look for is read");
        assertFalse(fires(e, "{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -urlcache -f\","
                + " \"ParentImage\": \"C:\\\\Windows\\\\msiexec.exe\"}"), "the rule's filter is read");
        assertTrue(fires(e, "{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -verifyctl\","
                + " \"ParentImage\": \"C:\\\\cmd.exe\"}"));
        assertFalse(fires(e, "{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -verifyctl\","
                + " \"ParentImage\": \"C:\\\\Program Files\\\\x.exe\"}"), "the filter document is read");
    }

    @Test
    void aRuleIsEvaluatedOnlyWhenEveryOperandOfItsAndCanHold() {
        EvaluationEngine e = engine("""
                title: Certutil download
                logsource: {category: test}
                detection:
                    selection_img: {Image|endswith: '\\\\certutil.exe'}
                    selection_cli: {CommandLine|contains: ['urlcache', 'verifyctl']}
                    filter: {ParentImage|endswith: '\\\\msiexec.exe'}
                    condition: selection_img and selection_cli and not filter
                """);
        EvaluationEngine.Run run = e.newRun(RunOptions.DEFAULT);
        run.accept(Sigma.event("{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -f\"}"));
        assertEquals(0, run.ruleEvaluations(), "the image alone does not select the rule");
        run.accept(Sigma.event("{\"Image\": \"C:\\\\cmd.exe\", \"CommandLine\": \"certutil -urlcache\"}"));
        assertEquals(0, run.ruleEvaluations(), "nor the command line alone");
        run.accept(Sigma.event("{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -urlcache\","
                + " \"ParentImage\": \"C:\\\\msiexec.exe\"}"));
        assertEquals(1, run.ruleEvaluations(), "both: evaluated, and the filter (under a not) read");
        run.accept(Sigma.event("{\"Image\": \"C:\\\\certutil.exe\", \"CommandLine\": \"certutil -VERIFYCTL\"}"));
        assertEquals(2, run.ruleEvaluations());
        assertEquals(1, run.finish().matches().size());
    }
}
