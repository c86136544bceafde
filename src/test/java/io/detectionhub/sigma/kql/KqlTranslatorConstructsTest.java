package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.detectionhub.sigma.kql.SigmaFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per Sigma construct, comparing the exact KQL (custom target T: field names used as they are). */
class KqlTranslatorConstructsTest {

    private final KqlTranslator translator = new KqlTranslator();
    private final Target custom = Target.custom("T");
    private final TargetRegistry registry = TargetRegistry.builtIn();

    private String where(DetectionItem... items) {
        return where(custom, rule(WINDOWS_PROCESS, items));
    }

    private String where(Target target, SigmaRule rule) {
        String q = translator.translate(rule, target, TranslationOptions.PLAIN).query();
        return q.substring(q.lastIndexOf("| where ") + "| where ".length());
    }

    private String query(String target, SigmaRule rule) {
        return translator.translate(rule, registry.find(target).orElseThrow(), TranslationOptions.PLAIN).query();
    }

    @Test
    void equalityIsCaseInsensitiveAndListsAreFlat() {
        assertThat(where(item("Image", "C:\\Windows\\cmd.exe"))).isEqualTo("Image =~ \"C:\\\\Windows\\\\cmd.exe\"");
        assertThat(where(item("Image", "a", "b", "c"))).isEqualTo("Image in~ (\"a\", \"b\", \"c\")");
    }

    @Test
    void containsStartswithEndswith() {
        assertThat(where(item("CommandLine|contains", "x"))).isEqualTo("CommandLine contains \"x\"");
        assertThat(where(item("CommandLine|startswith", "x"))).isEqualTo("CommandLine startswith \"x\"");
        assertThat(where(item("CommandLine|endswith", "x", "y")))
                .isEqualTo("CommandLine endswith \"x\" or CommandLine endswith \"y\"");
        assertThat(where(item("CommandLine", "*x*"))).isEqualTo("CommandLine contains \"x\"");
        assertThat(where(item("CommandLine", "x*"))).isEqualTo("CommandLine startswith \"x\"");
        assertThat(where(item("CommandLine", "*"))).isEqualTo("isnotempty(CommandLine)");
    }

    @Test
    void casedUsesCaseSensitiveOperators() {
        assertThat(where(item("A|cased", "x"))).isEqualTo("A == \"x\"");
        assertThat(where(item("A|cased", "x", "y"))).isEqualTo("A in (\"x\", \"y\")");
        assertThat(where(item("A|contains|cased", "x"))).isEqualTo("A contains_cs \"x\"");
        assertThat(where(item("A|startswith|cased", "x"))).isEqualTo("A startswith_cs \"x\"");
        assertThat(where(item("A|endswith|cased", "x"))).isEqualTo("A endswith_cs \"x\"");
        assertThat(where(item("A|cased", "a*b"))).isEqualTo("A matches regex \"(?s)^a.*b$\"");
    }

    @Test
    void innerWildcardsBecomeAnEscapedRegex() {
        assertThat(where(item("Image", "C:\\Users\\\\*\\AppData\\\\*.exe")))
                .isEqualTo("Image matches regex \"(?is)^C:\\\\\\\\Users\\\\\\\\.*\\\\\\\\AppData\\\\\\\\.*\\\\.exe$\"");
        assertThat(where(item("A", "a?c(1)"))).isEqualTo("A matches regex \"(?is)^a.c\\\\(1\\\\)$\"");
        // an escaped star is a literal star, not a wildcard (C:\Users\* in a rule is a literal star)
        assertThat(where(item("Image", "C:\\Users\\*"))).isEqualTo("Image =~ \"C:\\\\Users*\"");
        assertThat(where(item("A", "a\\*b"))).isEqualTo("A =~ \"a*b\"");
    }

    @Test
    void allLinksValuesWithAnd() {
        assertThat(where(item("CommandLine|contains|all", "a", "b")))
                .isEqualTo("CommandLine contains \"a\" and CommandLine contains \"b\"");
    }

    @Test
    void regexWithFlags() {
        assertThat(where(item("A|re", "^a\\d+\"$"))).isEqualTo("A matches regex \"^a\\\\d+\\\"$\"");
        assertThat(where(item("A|re|i|m|s", "x.y"))).isEqualTo("A matches regex \"(?ims)x.y\"");
        assertThatThrownBy(() -> where(item("A|re", "(?<=a)b")))
                .isInstanceOf(UntranslatableRuleException.class).hasMessageContaining("RE2");
    }

    @Test
    void existsAndNull() {
        assertThat(where(item("A|exists", true))).isEqualTo("isnotempty(A)");
        assertThat(where(item("A|exists", false))).isEqualTo("isempty(A)");
        assertThat(where(item("A", (Object) null))).isEqualTo("isempty(A)");
        assertThat(where(custom, rule(WINDOWS_PROCESS, not(id("filter")), selection("filter", item("A", (Object) null)))))
                .isEqualTo("not(isempty(A))");
    }

    @Test
    void numbersAndComparisons() {
        assertThat(where(item("A|gt", 5))).isEqualTo("isnotnull(toreal(A)) and toreal(A) > 5");
        assertThat(where(item("A|lte", 5.5))).isEqualTo("isnotnull(toreal(A)) and toreal(A) <= 5.5");
        // null-safe, so that negating it selects rows where A is absent or not a number
        assertThat(where(custom, rule(WINDOWS_PROCESS, not(id("small")), selection("small", item("A|lt", 10)))))
                .isEqualTo("not(isnotnull(toreal(A)) and toreal(A) < 10)");
        // typed column: DestinationPort is an int in defender-xdr
        SigmaRule net = rule(new LogSource("network_connection", "windows", null, null),
                item("DestinationPort", 443, "8443"), item("SourcePort|gte", 1024));
        assertThat(where(registry.find("defender-xdr").orElseThrow(), net))
                .isEqualTo("RemotePort in (443, 8443) and (isnotnull(LocalPort) and LocalPort >= 1024)");
        // a string column compared with a number
        // a column of unknown type may be numeric or boolean: a number or boolean is compared as text (=~ on an
        // int column is an error in Kusto)
        assertThat(where(item("A", 4688))).isEqualTo("tostring(A) =~ \"4688\"");
        assertThat(where(item("A", true))).isEqualTo("tostring(A) =~ \"true\"");
        assertThat(where(item("A|neq", "3"))).isEqualTo("tostring(A) !~ \"3\"");
    }

    @Test
    void noStringOperatorOnNumericColumns() {
        SigmaRule net = rule(new LogSource("network_connection", "windows", null, null),
                item("DestinationPort|startswith", "44"), item("DestinationPort", "https"));
        assertThat(where(registry.find("defender-xdr").orElseThrow(), net))
                .isEqualTo("tostring(RemotePort) startswith \"44\" and tostring(RemotePort) =~ \"https\"");
    }

    @Test
    void neq() {
        assertThat(where(item("A|neq", "x"))).isEqualTo("A !~ \"x\"");
        assertThat(where(item("A|neq|contains", "x"))).isEqualTo("not(A contains \"x\")");
    }

    @Test
    void cidr() {
        assertThat(where(item("Ip|cidr", "10.0.0.0/8"))).isEqualTo("ipv4_is_in_range(Ip, \"10.0.0.0/8\")");
        assertThat(where(item("Ip|cidr", "10.0.0.0/8", "192.168.0.0/16", "fe80::/10")))
                .isEqualTo("ipv4_is_in_any_range(Ip, \"10.0.0.0/8\", \"192.168.0.0/16\") or ipv6_is_in_range(Ip, \"fe80::/10\")");
        assertThatThrownBy(() -> where(item("Ip|cidr", "\") or true //")))
                .isInstanceOf(UntranslatableRuleException.class);
    }

    @Test
    void base64AndOffsets() {
        assertThat(where(item("A|base64", "powershell"))).isEqualTo("A =~ \"cG93ZXJzaGVsbA==\"");
        assertThat(where(item("A|base64offset|contains", "/bin/bash")))
                .isEqualTo("A contains \"L2Jpbi9iYXNo\" or A contains \"9iaW4vYmFza\" or A contains \"vYmluL2Jhc2\"");
        assertThat(ValueEncodings.base64Offsets("test".getBytes()))
                .containsExactly("dGVzd", "Rlc3", "0ZXN0");
        assertThatThrownBy(() -> where(item("A|base64", "a*b"))).isInstanceOf(UntranslatableRuleException.class);
    }

    @Test
    void utf16Family() {
        assertThat(where(item("A|wide|base64", "ab"))).isEqualTo("A =~ \"YQBiAA==\"");
        assertThat(where(item("A|utf16le|base64", "ab"))).isEqualTo("A =~ \"YQBiAA==\"");
        assertThat(where(item("A|utf16be|base64", "ab"))).isEqualTo("A =~ \"AGEAYg==\"");
        assertThat(where(item("A|utf16|base64", "ab"))).isEqualTo("A =~ \"//5hAGIA\"");
        assertThatThrownBy(() -> where(item("A|wide|contains", "ab"))).isInstanceOf(UntranslatableRuleException.class);
    }

    @Test
    void windashExpandsEveryDashVariant() {
        assertThat(where(item("CommandLine|windash|contains", " -enc ")))
                .isEqualTo("CommandLine contains \" -enc \" or CommandLine contains \" /enc \" or CommandLine contains \" \u2013enc \""
                        + " or CommandLine contains \" \u2014enc \" or CommandLine contains \" \u2015enc \"");
        // a dash inside a word is not a flag
        assertThat(where(item("CommandLine|windash|contains", "a-b"))).isEqualTo("CommandLine contains \"a-b\"");
        // three flags: a character class instead of 125 variants
        assertThat(where(item("CommandLine|windash|contains", "-a -b -c")))
                .isEqualTo("CommandLine matches regex \"(?is)^.*[\\\\-/\u2013\u2014\u2015]a [\\\\-/\u2013\u2014\u2015]b [\\\\-/\u2013\u2014\u2015]c.*$\"");
    }

    @Test
    void fieldref() {
        assertThat(where(item("A|fieldref", "B"))).isEqualTo("isnotempty(B) and A =~ B");
        assertThat(where(item("A|fieldref|contains", "B"))).isEqualTo("isnotempty(B) and A contains B");
        assertThat(where(item("A|fieldref|cased", "B"))).isEqualTo("isnotempty(B) and A == B");
    }

    @Test
    void keywords() {
        SigmaRule r = rule(new LogSource(null, "linux", null, null), id("keywords"), SigmaFixtures.keywords("keywords", "evil", "bad\"x"));
        assertThat(where(custom, r)).isEqualTo("* contains \"evil\" or * contains \"bad\\\"x\"");
        assertThatThrownBy(() -> where(custom, rule(WINDOWS_PROCESS, id("k"), SigmaFixtures.keywords("k", "a*b"))))
                .isInstanceOf(UntranslatableRuleException.class);
    }

    @Test
    void conditionGrammarIsParenthesised() {
        SigmaRule r = rule(WINDOWS_PROCESS,
                or(and(id("a"), not(id("b"))), and(id("c"), not(or(id("a"), id("c"))))),
                selection("a", item("A", "v1"), item("B", "v2")),
                selection("b", item("C", "v3")),
                anyOf("c", map(item("D", "v4")), map(item("E", "v5"), item("F", "v6"))));
        assertThat(where(custom, r)).isEqualTo("((A =~ \"v1\" and B =~ \"v2\") and not(C =~ \"v3\")) or ((D =~ \"v4\" or "
                + "(E =~ \"v5\" and F =~ \"v6\")) and not((A =~ \"v1\" and B =~ \"v2\") or (D =~ \"v4\" or (E =~ \"v5\" and F =~ \"v6\"))))");
        SigmaRule of = rule(WINDOWS_PROCESS,
                new Condition.OfPattern(Condition.Quantifier.ANY, "sel*", List.of("sel1", "sel2")),
                selection("sel1", item("A", "v1")), selection("sel2", item("B", "v2")));
        assertThat(where(custom, of)).isEqualTo("A =~ \"v1\" or B =~ \"v2\"");
    }

    @Test
    void hostileValuesStayInsideTheirLiterals() {
        String hostile = "x\" or 1==1 | take 10 // \\\n\r\t\u2028|";
        String q = where(item("A|contains", hostile));
        assertThat(q).isEqualTo("A contains \"x\\\" or 1==1 | take 10 // \\\\\\n\\r\\t\\u2028|\"");
        assertThat(q).doesNotContain("\n");
        // a hostile field name (custom target passes field names through) is quoted
        assertThat(where(item("A'] or true //", "x"))).isEqualTo("['A\\'] or true //'] =~ \"x\"");
    }

    @Test
    void headerAndAnalystForm() {
        SigmaRule r = new SigmaRule(metadata("Evil\n| take 1 // title", "id-1"), new LogSource("process_creation", "linux", null, null),
                rule(WINDOWS_PROCESS, item("Image|endswith", "/ssh")).detection());
        String q = translator.translate(r, registry.find("sentinel-asim").orElseThrow(), new TranslationOptions(true, true)).query();
        assertThat(q).isEqualTo("""
                // Title: Evil | take 1 // title
                // Id: id-1
                // Level: high
                // ATT&CK: execution, T1059.001
                // Target: sentinel-asim (imProcessCreate)
                imProcessCreate
                | where TargetProcessName endswith "/ssh"
                | project TargetProcessName, TargetProcessCommandLine, ParentProcessName, ActingProcessName, ActingProcessCommandLine, TargetUsername, ActorUsername, TargetProcessId""");
    }

    @Test
    void multiColumnMappingsAndTransformations() {
        assertThat(query("sentinel-asim", rule(WINDOWS_PROCESS, item("ParentImage|endswith", "\\explorer.exe"))))
                .isEqualTo("imProcessCreate\n| where ParentProcessName endswith \"\\\\explorer.exe\" or ActingProcessName endswith \"\\\\explorer.exe\"");
        LogSource registrySet = new LogSource("registry_set", "windows", null, null);
        assertThat(query("defender-xdr", rule(registrySet, item("TargetObject|startswith", "HKLM\\Software\\x"), item("EventType", "SetValue"))))
                .isEqualTo("DeviceRegistryEvents\n| extend RegistryPath = strcat(coalesce(RegistryKey, PreviousRegistryKey), "
                        + "iff(isempty(coalesce(RegistryValueName, PreviousRegistryValueName)), \"\", \"\\\\\"), "
                        + "coalesce(RegistryValueName, PreviousRegistryValueName))\n"
                        + "| where RegistryPath startswith \"HKEY_LOCAL_MACHINE\\\\Software\\\\x\" and ActionType =~ \"RegistryValueSet\"");
        LogSource imageLoad = new LogSource("image_load", "windows", null, null);
        assertThat(query("defender-xdr", rule(imageLoad, item("ParentImage|endswith", "\\cmd.exe"), item("User", "NT AUTHORITY\\SYSTEM"))))
                .isEqualTo("DeviceImageLoadEvents\n| where InitiatingProcessParentFileName =~ \"cmd.exe\" and "
                        + "(InitiatingProcessAccountDomain =~ \"NT AUTHORITY\" and InitiatingProcessAccountName =~ \"SYSTEM\")");
        assertThatThrownBy(() -> query("defender-xdr", rule(imageLoad, item("ParentImage|contains", "\\Temp\\"))))
                .isInstanceOf(UntranslatableRuleException.class).hasMessageContaining("file names");
    }

    @Test
    void hashesAreSplitByAlgorithm() {
        assertThat(query("defender-xdr", rule(WINDOWS_PROCESS, item("Hashes|contains", "MD5=AB12", "SHA256=CD34", "SHA1=EF56", "MD5=0000"))))
                .isEqualTo("DeviceProcessEvents\n| where MD5 in~ (\"AB12\", \"0000\") or SHA256 =~ \"CD34\" or SHA1 =~ \"EF56\"");
        // leaving the IMPHASH value out would find fewer events (or more under a not): refused
        assertThatThrownBy(() -> query("defender-xdr", rule(WINDOWS_PROCESS, item("Hashes|contains", "IMPHASH=AB12", "MD5=CD"))))
                .isInstanceOf(UntranslatableRuleException.class).hasMessageContaining("IMPHASH");
        assertThatThrownBy(() -> query("defender-xdr", rule(WINDOWS_PROCESS, item("Hashes", "IMPHASH=AB12"))))
                .isInstanceOf(UntranslatableRuleException.class).hasMessageContaining("IMPHASH");
    }

    @Test
    void requiredValuesOfTheLogsourceComeFirst() {
        assertThat(query("azure-monitor", rule(WINDOWS_PROCESS, item("Image|endswith", "\\whoami.exe"))))
                .isEqualTo("WindowsEvent\n| where Provider =~ \"Microsoft-Windows-Sysmon\" and EventID == 1\n"
                        + "| where tostring(EventData.Image) endswith \"\\\\whoami.exe\"");
        // the Security 4688 route, selected by a target of its own
        Target audit = new io.detectionhub.sigma.kql.target.TargetDefinitionLoader(registry::find).load("""
                name: audit-only
                base: azure-monitor
                logsources:
                  - {product: windows, category: process_creation, table: SecurityEvent, require: {EventID: 4688}}
                """);
        assertThat(where(audit, rule(WINDOWS_PROCESS, item("Image|endswith", "\\whoami.exe"), item("User|contains", "AUTORI"))))
                .isEqualTo("NewProcessName endswith \"\\\\whoami.exe\" and strcat(SubjectDomainName, "
                        + "iff(isempty(SubjectDomainName), \"\", \"\\\\\"), SubjectUserName) contains \"AUTORI\"");
    }

    @Test
    void refusalsNameTheReason() {
        assertThatThrownBy(() -> query("sentinel-asim", rule(new LogSource("pipe_created", "windows", null, null), item("PipeName", "x"))))
                .isInstanceOf(UntranslatableRuleException.class).hasMessage("the target sentinel-asim has no table for the logsource product=windows, category=pipe_created");
        assertThatThrownBy(() -> query("sentinel-asim", rule(WINDOWS_PROCESS, item("Bogus", "x"))))
                .isInstanceOf(UntranslatableRuleException.class)
                .hasMessage("the field 'Bogus' has no mapping for table imProcessCreate of target sentinel-asim");
        assertThatThrownBy(() -> query("sentinel-asim", rule(WINDOWS_PROCESS, item("EventID", 4688))))
                .isInstanceOf(UntranslatableRuleException.class).hasMessageContaining("match every event");
        assertThatThrownBy(() -> where(item("A|expand", "%x%"))).isInstanceOf(UntranslatableRuleException.class);
    }

    @Test
    void droppedFieldsAreExplained() {
        Translation t = translator.translate(rule(WINDOWS_PROCESS, item("EventID", 1), item("Image|endswith", "\\a.exe")),
                registry.find("sentinel-asim").orElseThrow(), TranslationOptions.PLAIN);
        assertThat(t.query()).isEqualTo("imProcessCreate\n| where TargetProcessName endswith \"\\\\a.exe\"");
        assertThat(t.explanation().table()).isEqualTo("imProcessCreate");
        assertThat(t.explanation().fields()).extracting(Explanation.FieldUse::sigmaField, Explanation.FieldUse::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("EventID", Explanation.Kind.DROPPED),
                        org.assertj.core.groups.Tuple.tuple("Image", Explanation.Kind.MAPPED));
        assertThat(t.explanation().warnings()).anySatisfy(w -> assertThat(w).contains("EventID"));
    }

    private static final String TWO_TABLES = """
            name: two-tables
            logsources:
              - {category: registry_set, table: Parsed, reason: parsed events}
              - category: registry_set
                table: Raw
                reason: raw events
                require: {Kind: reg}
                event-data: {column: Data, members: [TargetObject, Details, rec]}
                fields:
                  Initiated: {column: Dir, map: {"true": [Out, Attempt], "false": In}}
            tables:
              Parsed:
                fields:
                  TargetObject: Key
                  Details: {refuse: "the parser never fills Value"}
                  User: {column: Actor, warning: "Actor is the parent's account for some sources"}
            columns:
              Parsed: {Key: string, Actor: string, Value: string}
              Raw: {Kind: string, Dir: string, Data: dynamic}
            """;

    @Test
    void aRuleTheBestTableCannotExpressIsReadFromTheNextOne() {
        Target target = new io.detectionhub.sigma.kql.target.TargetDefinitionLoader(registry::find).load(TWO_TABLES);
        LogSource registry = new LogSource("registry_set", "windows", null, null);
        assertThat(translator.translate(rule(registry, item("TargetObject", "x")), target, TranslationOptions.PLAIN).query())
                .isEqualTo("Parsed\n| where Key =~ \"x\"");
        Translation details = translator.translate(rule(registry, item("Details", "1"), item("rec.a.b", "y")), target,
                TranslationOptions.PLAIN);
        assertThat(details.query()).isEqualTo("Raw\n| where Kind =~ \"reg\"\n"
                + "| where tostring(Data.Details) =~ \"1\" and tostring(Data.rec.a.b) =~ \"y\"");
        assertThat(details.explanation().warnings()).anySatisfy(w -> assertThat(w)
                .contains("Parsed cannot express the rule").contains("the parser never fills Value").contains("read from Raw"));
        assertThat(translator.translate(rule(registry, item("User", "u")), target, TranslationOptions.PLAIN)
                .explanation().warnings()).contains("Actor is the parent's account for some sources");
        assertThat(where(target, rule(registry, item("Initiated", "true"))))
                .isEqualTo("Dir in~ (\"Out\", \"Attempt\")");
        // a field neither table has: the best table's reason
        assertThatThrownBy(() -> translator.translate(rule(registry, item("Other", "z")), target, TranslationOptions.PLAIN))
                .isInstanceOf(UntranslatableRuleException.class).hasMessageContaining("'Other' has no mapping for table Parsed");
    }

    @Test
    void anEmptyValueSaysThatAbsentAndEmptyLookAlike() {
        for (DetectionItem item : List.of(item("Description", ""), item("CommandLine|contains", ""),
                item("CommandLine", "*"))) {
            assertThat(translator.translate(rule(WINDOWS_PROCESS, item), registry.find("sentinel-asim").orElseThrow(),
                    TranslationOptions.PLAIN).explanation().warnings())
                    .anySatisfy(w -> assertThat(w).contains("cannot tell an absent field from an empty one"));
        }
        assertThat(translator.translate(rule(WINDOWS_PROCESS, item("CommandLine", "x")),
                registry.find("sentinel-asim").orElseThrow(), TranslationOptions.PLAIN).explanation().warnings())
                .noneSatisfy(w -> assertThat(w).contains("absent"));
    }
}
