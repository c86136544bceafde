package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SearchIdentifier.Form;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

class SigmaParserDetectionTest {

    private final SigmaParser parser = new SigmaParser();

    @Test
    void readsTheThreeFormsOfSearchIdentifiers() {
        SigmaRule rule = parser.parseRule(TestYaml.read("full_rule.yml"));
        SearchIdentifier img = rule.detection().identifier("selection_img");
        assertThat(img.form()).isEqualTo(Form.MAP);
        assertThat(img.maps()).singleElement().satisfies(map -> assertThat(map.items()).singleElement()
                .isEqualTo(new DetectionItem("Image", List.of(Modifier.ENDSWITH), List.of(SigmaString.literal("/ssh")))));

        SearchIdentifier cli = rule.detection().identifier("selection_cli");
        assertThat(cli.form()).isEqualTo(Form.LIST_OF_MAPS);
        assertThat(cli.maps()).hasSize(2);
        assertThat(cli.maps().get(1).items()).singleElement().satisfies(item -> {
            assertThat(item.key()).isEqualTo("CommandLine|contains|all");
            assertThat(item.matchesAllValues()).isTrue();
            assertThat(item.values()).extracting(SigmaValue::asText)
                    .containsExactly("permitlocalcommand=yes", "localhost");
        });

        SearchIdentifier keywords = rule.detection().identifier("keywords");
        assertThat(keywords.form()).isEqualTo(Form.KEYWORDS);
        assertThat(keywords.maps()).singleElement().satisfies(map -> assertThat(map.items()).singleElement()
                .satisfies(item -> {
                    assertThat(item.isKeyword()).isTrue();
                    assertThat(item.modifiers()).isEmpty();
                    assertThat(item.values()).containsExactly(SigmaString.literal("sh 0<&2 1>&2"),
                            SigmaValue.Number.of(4688));
                }));
        assertThat(rule.detection().identifiers()).containsOnlyKeys("selection_img", "selection_cli", "keywords",
                "filter_main");
    }

    @Test
    void aSingleScalarIdentifierIsAKeywordSearch() {
        SearchIdentifier keyword = identifier("""
                keyword: 'mimikatz'
                condition: keyword
                """, "keyword");
        assertThat(keyword.form()).isEqualTo(Form.KEYWORDS);
        assertThat(keyword.maps().get(0).items().get(0).values()).containsExactly(SigmaString.literal("mimikatz"));
    }

    @Test
    void fieldlessKeysWithModifiersAreKeywordItems() {
        SearchIdentifier keywords = identifier("""
                keywords:
                    '|all':
                        - 'Remote'
                        - 'Failed'
                condition: keywords
                """, "keywords");
        assertThat(keywords.form()).isEqualTo(Form.MAP);
        DetectionItem item = keywords.maps().get(0).items().get(0);
        assertThat(item.field()).isNull();
        assertThat(item.modifiers()).containsExactly(Modifier.ALL);
        assertThat(item.key()).isEqualTo("|all");
    }

    @Test
    void typesScalarValues() {
        List<DetectionItem> items = identifier("""
                selection:
                    EventID: 4688
                    Ratio: 1.50
                    Hex: 0x10
                    Enabled: true
                    Legacy: yes
                    Missing: null
                    Empty:
                    Quoted: '4688'
                    EmptyText: ''
                    Version: 1.2.3
                condition: selection
                """, "selection").maps().get(0).items();
        assertThat(items).extracting(i -> i.values().get(0)).containsExactly(
                SigmaValue.Number.of(4688),
                SigmaValue.Number.of(new BigDecimal("1.50")),
                SigmaValue.Number.of(16),
                new SigmaValue.Bool(true),
                new SigmaValue.Bool(true),
                SigmaValue.Null.INSTANCE,
                SigmaValue.Null.INSTANCE,
                SigmaString.literal("4688"),
                new SigmaString("", List.of()),
                SigmaString.literal("1.2.3"));
        assertThat(items.get(1).values().get(0).asText()).isEqualTo("1.5");
    }

    @Test
    void stringModifiersTakeNumbersAsWritten() {
        DetectionItem item = identifier("""
                selection:
                    CommandLine|contains: 0x10
                condition: selection
                """, "selection").maps().get(0).items().get(0);
        assertThat(item.values()).containsExactly(SigmaString.literal("0x10"));
    }

    @Test
    void parsesWildcardsAndEscapes() {
        List<SigmaValue> values = identifier("""
                selection:
                    Path:
                        - 'C:\\Windows\\\\*\\cmd.exe'
                        - 'C:\\Users\\*\\AppData'
                        - 'what\\?'
                        - 'a?c'
                        - 'tail\\'
                        - 'double\\\\*'
                condition: selection
                """, "selection").maps().get(0).items().get(0).values();
        // YAML 'C:\Windows\\*\cmd.exe': the doubled backslash is one literal backslash, then a wildcard
        assertThat(((SigmaString) values.get(0)).parts()).containsExactly(new SigmaString.Literal("C:\\Windows\\"),
                new SigmaString.AnyChars(), new SigmaString.Literal("\\cmd.exe"));
        assertThat(((SigmaString) values.get(1)).parts()).containsExactly(new SigmaString.Literal("C:\\Users*\\AppData"));
        assertThat(((SigmaString) values.get(2)).parts()).containsExactly(new SigmaString.Literal("what?"));
        assertThat(((SigmaString) values.get(3)).parts()).containsExactly(new SigmaString.Literal("a"),
                new SigmaString.AnyChar(), new SigmaString.Literal("c"));
        assertThat(((SigmaString) values.get(4)).parts()).containsExactly(new SigmaString.Literal("tail\\"));
        assertThat(((SigmaString) values.get(5)).parts()).containsExactly(new SigmaString.Literal("double\\"),
                new SigmaString.AnyChars());
        assertThat(((SigmaString) values.get(0)).original()).isEqualTo("C:\\Windows\\\\*\\cmd.exe");
        // YAML 'C:\Users\*\AppData': backslash-star is an escaped, literal star
    }

    @Test
    void regularExpressionsKeepTheirText() {
        DetectionItem item = identifier("""
                selection:
                    CommandLine|re|i: '^c:\\\\windows\\\\.*\\.exe$'
                condition: selection
                """, "selection").maps().get(0).items().get(0);
        assertThat(item.modifiers()).containsExactly(Modifier.RE, Modifier.RE_IGNORECASE);
        SigmaString value = (SigmaString) item.values().get(0);
        assertThat(value.original()).isEqualTo("^c:\\\\windows\\\\.*\\.exe$");
        assertThat(value.parts()).containsExactly(new SigmaString.Literal("^c:\\\\windows\\\\.*\\.exe$"));
    }

    @Test
    void expandTurnsPercentNamesIntoPlaceholders() {
        DetectionItem item = identifier("""
                selection:
                    Image|expand: '%ProgramFiles%\\\\*\\app.exe'
                    Other: '%NotExpanded%'
                condition: selection
                """, "selection").maps().get(0).items().get(0);
        assertThat(((SigmaString) item.values().get(0)).parts()).containsExactly(
                new SigmaString.Placeholder("ProgramFiles"), new SigmaString.Literal("\\"),
                new SigmaString.AnyChars(), new SigmaString.Literal("\\app.exe"));
        assertThat(identifier("""
                selection:
                    Other: '%NotExpanded%'
                condition: selection
                """, "selection").maps().get(0).items().get(0).values())
                .containsExactly(SigmaString.literal("%NotExpanded%"));
    }

    @Test
    void fieldrefCidrExistsAndComparisons() {
        List<DetectionItem> items = identifier("""
                selection:
                    TargetUserName|fieldref: SubjectUserName
                    DestinationIp|cidr:
                        - 10.0.0.0/8
                        - 'fe80::/10'
                    ParentImage|exists: false
                    Count|gte: 5
                    Hour|hour|lt: 6
                    Name|neq: admin
                condition: selection
                """, "selection").maps().get(0).items();
        assertThat(items.get(0).values()).containsExactly(SigmaString.literal("SubjectUserName"));
        assertThat(items.get(1).values()).extracting(SigmaValue::asText).containsExactly("10.0.0.0/8", "fe80::/10");
        assertThat(items.get(2).values()).containsExactly(new SigmaValue.Bool(false));
        assertThat(items.get(3).values()).containsExactly(SigmaValue.Number.of(5));
        assertThat(items.get(4).modifiers()).containsExactly(Modifier.HOUR, Modifier.LT);
        assertThat(items.get(5).modifiers()).containsExactly(Modifier.NEQ);
    }

    @Test
    void acceptsTheEncodingChainsOfTheCorpus() {
        List<DetectionItem> items = identifier("""
                selection:
                    - CommandLine|base64offset|contains: 'IEX'
                    - CommandLine|wide|base64offset|contains: 'IEX'
                    - CommandLine|utf16le|base64offset|contains: 'IEX'
                    - CommandLine|base64|contains: 'IEX'
                    - CommandLine|windash|contains: ' -enc '
                    - CommandLine|contains|windash: ' -enc '
                    - CommandLine|cased: 'IEX'
                condition: selection
                """, "selection").maps().stream().map(m -> m.items().get(0)).toList();
        assertThat(items).extracting(DetectionItem::key).containsExactly("CommandLine|base64offset|contains",
                "CommandLine|wide|base64offset|contains", "CommandLine|utf16le|base64offset|contains",
                "CommandLine|base64|contains", "CommandLine|windash|contains", "CommandLine|contains|windash",
                "CommandLine|cased");
    }

    @Test
    void keepsIdentifiersInDocumentOrder() {
        SigmaRule rule = parser.parseRule(TestYaml.rule("""
                z: {a: 1}
                a: {a: 1}
                m: {a: 1}
                condition: 1 of them
                """));
        assertThat(rule.detection().identifiers().keySet()).containsExactly("z", "a", "m");
    }

    private SearchIdentifier identifier(String detection, String name) {
        return parser.parseRule(TestYaml.rule(detection)).detection().identifier(name);
    }
}
