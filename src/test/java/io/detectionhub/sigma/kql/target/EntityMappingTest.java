package io.detectionhub.sigma.kql.target;

import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Entities and detection columns as data in target definitions, shown in the explanation and kept by projections. */
class EntityMappingTest {

    private final TargetRegistry registry = TargetRegistry.builtIn();
    private final TargetDefinitionLoader loader = new TargetDefinitionLoader(registry::find);

    private static final String PROCESS_RULE = """
            title: whoami
            id: 5f0e6a4e-0000-4000-8000-000000000001
            logsource: {category: process_creation, product: windows}
            detection:
              sel: {Image|endswith: '\\\\whoami.exe'}
              condition: sel
            level: high
            """;

    @Test
    void everyBuiltInProcessTableNamesHostAccountAndProcess() {
        for (String name : java.util.List.of("sentinel-asim", "defender-xdr", "sentinel")) {
            TableMapping table = registry.find(name).orElseThrow()
                    .tableFor(new LogSource("process_creation", "windows", null, null)).orElseThrow().table();
            assertThat(table.entities()).as(name).extracting(EntityMapping::type).contains("Host", "Account", "Process");
        }
    }

    @Test
    void theExplanationShowsTheEntitiesAndDefenderKeepsItsDetectionColumns() {
        SigmaRule rule = (SigmaRule) new SigmaParser().parse(PROCESS_RULE).documents().get(0);
        Target defender = registry.find("defender-xdr").orElseThrow();
        Translation t = new KqlTranslator().translate(rule, defender, new TranslationOptions(false, true));
        assertThat(t.explanation().entities()).extracting(EntityMapping::describe)
                .contains("Host: HostName=DeviceName", "Process: ProcessId=ProcessId, CommandLine=ProcessCommandLine");
        assertThat(t.explanation().toText()).contains("Entity Host: HostName=DeviceName");
        assertThat(t.query()).contains("| project Timestamp, ReportId, DeviceId, DeviceName");
    }

    @Test
    void aUserTargetDeclaresItsOwnEntitiesAndInheritsTheBases() {
        Target mine = loader.load("""
                name: my-edr
                base: defender-xdr
                logsources:
                  - {category: process_creation, table: MyEdr_CL, reason: our EDR}
                tables:
                  MyEdr_CL:
                    fields: {Image: ProcPath}
                    entities: {Host: {HostName: Machine}, Account: {Name: UserName}}
                    detection-columns: [EventTime, Machine]
                columns:
                  MyEdr_CL: {ProcPath: string, Machine: string, UserName: string, EventTime: datetime}
                """);
        TableMapping edr = mine.table("MyEdr_CL").orElseThrow();
        assertThat(edr.entities()).containsExactly(new EntityMapping("Host", Map.of("HostName", "Machine")),
                new EntityMapping("Account", Map.of("Name", "UserName")));
        assertThat(edr.detectionColumns()).containsExactly("EventTime", "Machine");
        assertThat(mine.table("DeviceRegistryEvents").orElseThrow().entities()).extracting(EntityMapping::type)
                .contains("RegistryKey");
    }

    @Test
    void wrongEntitiesAreExplained() {
        assertThatThrownBy(() -> loader.load("""
                name: broken
                logsources:
                  - {category: process_creation, table: T}
                tables:
                  T:
                    entities: {Hots: {HostName: Machine}, Host: {HostNam: Machine}, Account: {Name: Nobody}, IP: {}}
                columns:
                  T: {Machine: string}
                """)).hasMessageContaining("tables.T.entities.Hots: not an entity type")
                .hasMessageContaining("tables.T.entities.Host.HostNam: not an identifier of Host")
                .hasMessageContaining("tables.T.entities.Account.Name: 'Nobody' is not a column of T")
                .hasMessageContaining("tables.T.entities.IP: expected 1 to 3 identifiers");
    }
}
