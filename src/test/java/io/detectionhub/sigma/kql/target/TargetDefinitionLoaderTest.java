package io.detectionhub.sigma.kql.target;

import io.detectionhub.sigma.model.LogSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetDefinitionLoaderTest {

    private final TargetRegistry registry = TargetRegistry.builtIn();
    private final TargetDefinitionLoader loader = new TargetDefinitionLoader(registry::find);

    @Test
    void builtInTargetsLoad() {
        assertThat(registry.all()).extracting(Target::name)
                .containsExactly("sentinel-asim", "defender-xdr", "azure-monitor", "sentinel");
        Target asim = registry.find("sentinel-asim").orElseThrow();
        TableChoice choice = asim.tableFor(new LogSource("process_creation", "linux", null, null)).orElseThrow();
        assertThat(choice.table().name()).isEqualTo("imProcessCreate");
        assertThat(choice.table().columnsFor("ParentImage")).containsExactly("ParentProcessName", "ActingProcessName");
        assertThat(choice.table().columnsFor("EventID")).isEmpty();
        assertThat(choice.table().columnType("TargetProcessName")).contains(ColumnType.STRING);
    }

    @Test
    void mostSpecificLogsourceRuleWins() {
        Target azure = registry.find("azure-monitor").orElseThrow();
        assertThat(azure.tableFor(new LogSource("webserver", "windows", null, null)).orElseThrow().rule().product())
                .isEqualTo("windows");
        assertThat(azure.tableFor(new LogSource("process_creation", "linux", null, null)).orElseThrow().table().name())
                .isEqualTo("Syslog");
        assertThat(azure.tableFor(new LogSource("process_creation", "macos", null, null))).isEmpty();
    }

    @Test
    void userTargetExtendsABuiltInOne() {
        Target mine = loader.load("""
                name: my-asim
                base: sentinel-asim
                unmapped-fields: drop
                logsources:
                  - {category: process_creation, table: MyEdr_CL, reason: our EDR}
                tables:
                  MyEdr_CL:
                    fields:
                      Image: [ProcPath, ProcName]
                      User: {column: UserName, split-domain: UserDomain}
                columns:
                  MyEdr_CL: {ProcPath: string, ProcName: string, UserName: string, UserDomain: string, Pid: long}
                """);
        assertThat(mine.unmappedFields()).isEqualTo(UnmappedFieldPolicy.DROP);
        assertThat(mine.tableFor(new LogSource("process_creation", "windows", null, null)).orElseThrow().table().name())
                .isEqualTo("MyEdr_CL");
        assertThat(mine.tableFor(new LogSource("registry_set", "windows", null, null)).orElseThrow().table().name())
                .isEqualTo("imRegistry");
        assertThat(mine.table("MyEdr_CL").orElseThrow().columnsFor("Image")).containsExactly("ProcPath", "ProcName");
        assertThat(mine.table("MyEdr_CL").orElseThrow().columnsFor("pid")).containsExactly("Pid");
    }

    @Test
    void reportsEveryProblem() {
        assertThatThrownBy(() -> loader.load("""
                name: Bad Name
                unmapped-fields: sometimes
                bogus: 1
                logsources:
                  - {category: process_creation}
                  - {category: x, table: T}
                tables:
                  T:
                    fields:
                      Image: NotAColumn
                columns:
                  T: {A: string, B: varchar}
                """))
                .isInstanceOf(TargetDefinitionException.class)
                .satisfies(e -> assertThat(((TargetDefinitionException) e).problems()).anySatisfy(p -> assertThat(p).startsWith("name:"))
                        .anySatisfy(p -> assertThat(p).startsWith("unmapped-fields:"))
                        .anySatisfy(p -> assertThat(p).startsWith("bogus:"))
                        .anySatisfy(p -> assertThat(p).startsWith("logsources[0].table: required"))
                        .anySatisfy(p -> assertThat(p).contains("'NotAColumn' is not a column of T"))
                        .anySatisfy(p -> assertThat(p).contains("'varchar' is not a KQL type")));
    }

    @Test
    void aUsersTargetMayListBuiltInBasesOnly() {
        TargetDefinitionLoader users = new TargetDefinitionLoader(name -> TargetRegistry.builtIn().find(name)
                .or(() -> name.equals("mine") ? TargetRegistry.builtIn().find("azure-monitor") : Optional.empty()));
        Target copy = users.load(TargetRegistry.builtIn().definition("sentinel").orElseThrow()
                .replace("name: sentinel\n", "name: sentinel-copy\n"));
        assertThat(copy.base()).isEqualTo("sentinel-asim, azure-monitor");
        assertThat(copy.tables()).containsKeys("imProcessCreate", "WindowsEvent");
        assertThatThrownBy(() -> users.load("name: x\nbase: [sentinel-asim, mine]\n"))
                .isInstanceOf(TargetDefinitionException.class).hasMessageContaining("built-in targets only");
    }

    @Test
    void logsourceFieldsAndEventDataAreChecked() {
        assertThatThrownBy(() -> loader.load("""
                name: checked
                logsources:
                  - {category: x, table: T, fields: {A: Missing, B: {column: S, split-domain: Nope}}, event-data: S}
                  - {category: y, table: T, event-data: {column: D, members: notalist, other: 1}}
                columns:
                  T: {S: int, D: dynamic}
                """))
                .isInstanceOf(TargetDefinitionException.class)
                .satisfies(e -> assertThat(((TargetDefinitionException) e).problems())
                        .anySatisfy(p -> assertThat(p).isEqualTo("logsources[0].fields.A: 'Missing' is not a column of T"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("logsources[0].fields.B: 'Nope' is not a column of T"))
                        .anySatisfy(p -> assertThat(p).contains("logsources[0].event-data: 'S' is not a dynamic"))
                        .anySatisfy(p -> assertThat(p).startsWith("logsources[1].event-data.members: expected a list"))
                        .anySatisfy(p -> assertThat(p).startsWith("logsources[1].event-data.other: unknown key")));
    }

    @Test
    void hostileYamlIsRefusedQuickly() {
        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;
        assertThatThrownBy(() -> loader.load(bomb)).isInstanceOf(TargetDefinitionException.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.load("!!java.net.URL [\"http://x\"]")).isInstanceOf(TargetDefinitionException.class);
        assertThatThrownBy(() -> loader.load("a: ".repeat(1) + "[".repeat(100) + "]".repeat(100)))
                .isInstanceOf(TargetDefinitionException.class);
        assertThatThrownBy(() -> loader.load("name: x\nlogsources: []\ntables: {\"T'] | drop\": {}}"))
                .isInstanceOf(TargetDefinitionException.class).hasMessageContaining("not a valid table name");
    }

    @Test
    void customTargetSendsEverythingToOneTable() {
        Target custom = Target.custom("MyTable_CL");
        assertThat(custom.tableFor(new LogSource("anything", null, null, null)).orElseThrow().table().name())
                .isEqualTo("MyTable_CL");
        assertThat(custom.unmappedFields()).isEqualTo(UnmappedFieldPolicy.PASSTHROUGH);
        assertThat(new TargetDefinitionLoader(n -> Optional.empty()).load("""
                name: t
                logsources: [{table: T}]
                """).tables()).containsKey("T");
        assertThat(List.of()).isEmpty();
    }
}
