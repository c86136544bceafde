package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real events, written as the rows each target's tables really hold: SigmaHQ's regression samples (real Sysmon,
 * Security and other Windows records, test resources {@code sigmahq/}) for every corpus rule that has them are
 * evaluated by the evaluation engine, and each record is written as the row Microsoft's connector, ASIM parser or
 * Defender sensor produces for it ({@link MicrosoftRows}, written from Microsoft's parsers and table reference, not
 * from the targets' mappings) and run through the rule's translated query ({@link KqlWhereInterpreter}). Prints, per
 * built-in target, on how many events the engine fires, how many of them the query selects, what it selects besides,
 * and every rule where the two differ with the reason; a difference without a reason below fails, and so does a
 * reason whose difference is gone.
 */
class RegressionRowsTest {

    private static final String SYSMON_REGISTRY_DATA = "Microsoft's Sysmon parser for WindowsEvent fills "
            + "RegistryValueData from EventData.Parameter, which Sysmon's events do not have: the condition on Details "
            + "never holds on imRegistry for Sysmon collected by the Azure Monitor agent (the translation warns; the "
            + "sentinel target reads these rules from WindowsEvent)";

    /** Target and rule file name of every known difference, with why it is there (docs/kql-targets.md). */
    private static final Map<String, String> EXPLAINED = new TreeMap<>(Map.ofEntries(
            Map.entry("sentinel-asim registry_set_add_load_service_in_safe_mode.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_add_port_monitor.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_allow_rdp_remote_assistance_feature.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_amsi_disable.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_bypass_uac_using_delegateexecute.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_credential_guard_disabled.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_deviceguard_hypervisorenforcedcodeintegrity_disabled.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_disable_administrative_share.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_disable_autologger_sessions.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_disable_defender_firewall.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_disable_security_center_notifications.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_disable_system_restore.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_powershell_logging_disabled.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_special_accounts.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_susp_user_shell_folders.yml", SYSMON_REGISTRY_DATA),
            Map.entry("sentinel-asim registry_set_vulnerable_driver_blocklist_disable.yml", SYSMON_REGISTRY_DATA)));

    private record Tally(int[] counts, Map<String, String> differences) {
        Tally() {
            this(new int[5], new TreeMap<>());
        }
    }

    @Test
    void realEventsAsEachTargetsRowsAgreeWithTheEvaluator() throws Exception {
        Optional<Path> shared = CorpusTranslation.sharedDir();
        assumeTrue(shared.isPresent(), "no SigmaHQ corpus in ../shared");
        Path repository = repository();
        MicrosoftRows rows = MicrosoftRows.load(shared.get());
        SigmaParser parser = new SigmaParser();
        KqlTranslator translator = new KqlTranslator();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        TargetRegistry.builtIn().all().forEach(t -> tallies.put(t.name(), new Tally()));
        int rulesWithSamples = 0;
        for (Path rulePath : CorpusTranslation.rulePaths(shared.get())) {
            String text = Files.readString(rulePath);
            Map<String, Object> ruleYaml = text.contains("regression_tests_path") ? yaml(text) : null;
            if (ruleYaml == null || !(ruleYaml.get("regression_tests_path") instanceof String infoPath)) {
                continue;
            }
            List<Path> samples = samples(repository, infoPath);
            if (samples.isEmpty()) {
                continue;
            }
            rulesWithSamples++;
            SigmaRule rule = (SigmaRule) parser.parse(text).documents().get(0);
            List<WindowsRecord> records = new ArrayList<>();
            List<Event> events = new ArrayList<>();
            for (Path sample : samples) {
                String json = Files.readString(sample);
                records.addAll(WindowsRecord.readAll(json));
                try (JsonEventReader reader = JsonEventReader.open(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), EventReaderLimits.DEFAULT)) {
                    reader.forEachRemaining(events::add);
                }
            }
            assertThat(records).as("records of " + samples).hasSameSizeAs(events);
            Set<Long> fired = new HashSet<>();
            EvaluationEngine.compile(List.of(rule), EvaluationOptions.DEFAULT).evaluate(events, RunOptions.DEFAULT)
                    .matches().forEach(m -> fired.add(m.eventIndex()));
            String name = rulePath.getFileName().toString();
            for (Target target : TargetRegistry.builtIn().all()) {
                Tally tally = tallies.get(target.name());
                String query;
                try {
                    query = translator.translate(rule, target, TranslationOptions.PLAIN).query();
                } catch (UntranslatableRuleException e) {
                    tally.counts()[1]++;
                    continue;
                }
                tally.counts()[0]++;
                KqlWhereInterpreter kql = KqlWhereInterpreter.parse(query);
                for (int i = 0; i < records.size(); i++) {
                    Optional<Map<String, String>> row = rows.row(records.get(i), kql.table());
                    boolean selected = row.isPresent() && kql.selects(row.get());
                    boolean fires = fired.contains((long) i);
                    tally.counts()[2] += fires ? 1 : 0;
                    tally.counts()[3] += fires && selected ? 1 : 0;
                    tally.counts()[4] += !fires && selected ? 1 : 0;
                    if (fires != selected && !tally.differences().containsKey(name)) {
                        tally.differences().put(name, "engine " + (fires ? "fires" : "does not fire") + ", query "
                                + (selected ? "selects" : "does not select") + "\n      record " + records.get(i).data()
                                + "\n      row    " + row.map(Object::toString).orElse("(none in " + kql.table() + ")")
                                + "\n      " + query.replace("\n", " "));
                    }
                }
            }
        }
        System.out.printf("%nReal events (SigmaHQ regression samples) as each target's rows: %d corpus rules with samples%n",
                rulesWithSamples);
        Set<String> unexplained = new TreeSet<>();
        Set<String> differing = new TreeSet<>();
        tallies.forEach((target, tally) -> {
            int[] c = tally.counts();
            System.out.printf("%s: %d rules translated (%d refused); the engine fires on %d events, the query selects %d "
                            + "of them and %d others; %d rules differ%n", target, c[0], c[1], c[2], c[3], c[4],
                    tally.differences().size());
            tally.differences().forEach((rule, detail) -> {
                String key = target + " " + rule;
                differing.add(key);
                String reason = EXPLAINED.get(key);
                if (reason == null) {
                    unexplained.add(key);
                }
                System.out.println("  " + rule + ": " + (reason == null ? "UNEXPLAINED " + detail : reason));
            });
        });
        Set<String> gone = new TreeSet<>(EXPLAINED.keySet());
        gone.removeAll(differing);
        assertThat(unexplained).as("differences without a reason").isEmpty();
        assertThat(gone).as("explained differences that no longer occur").isEmpty();
    }

    private static Path repository() throws URISyntaxException {
        return Path.of(RegressionRowsTest.class.getResource("/sigmahq").toURI());
    }

    /** The JSON samples beside the evtx files an info.yml names (as SigmaHqRegressionDataTest reads them). */
    private static List<Path> samples(Path repository, String infoPath) throws Exception {
        Path info = repository.resolve(infoPath);
        if (!Files.isRegularFile(info)) {
            return List.of();
        }
        List<Path> samples = new ArrayList<>();
        if (yaml(Files.readString(info)).get("regression_tests_info") instanceof List<?> entries) {
            for (Object entry : entries) {
                String path = String.valueOf(((Map<?, ?>) entry).get("path")).replace('\\', '/');
                Path sample = repository.resolve(path.endsWith(".evtx")
                        ? path.substring(0, path.length() - ".evtx".length()) + ".json" : path);
                if (Files.isRegularFile(sample) && !samples.contains(sample)) {
                    samples.add(sample);
                }
            }
        }
        return samples;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return loaded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
