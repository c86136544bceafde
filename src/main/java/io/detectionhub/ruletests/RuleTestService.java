package io.detectionhub.ruletests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RulePurged;
import io.detectionhub.library.RuleService;
import io.detectionhub.security.Actors;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.SampleEvents;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.web.BadRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test cases of rules: stored with the rule (deleted with it), read, created, replaced and deleted with their
 * version (If-Match), each change published as {@link RuleTestChanged} in its transaction; generated starting points
 * from a rule's values; and running a rule's cases, as stored or against an edited text before it is saved.
 */
@Service
public class RuleTestService {

    /** Test cases per rule at most. */
    public static final int MAX_CASES_PER_RULE = 200;

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final RuleService rules;
    private final EvaluationService evaluation;
    private final ApplicationEventPublisher events;
    private final SigmaParser parser = new SigmaParser();

    private final io.detectionhub.attack.AttackService attack;

    public RuleTestService(JdbcClient jdbc, RuleService rules, EvaluationService evaluation,
                           ApplicationEventPublisher events, io.detectionhub.attack.AttackService attack) {
        this.attack = attack;
        this.jdbc = jdbc;
        this.rules = rules;
        this.evaluation = evaluation;
        this.events = events;
    }

    /** The rule's test cases, by name. @throws RuleNotFoundException for an unknown rule */
    public List<RuleTestCase> list(String ruleId) {
        requireRule(ruleId);
        return jdbc.sql("SELECT * FROM rule_test_case WHERE rule_id = ? ORDER BY name, id").param(ruleId)
                .query(RuleTestService::row).list();
    }

    /**
     * A purged rule's test cases go with it. A rule in the trash keeps them (they are not listed, counted or run while
     * it is deleted), so restoring it brings them back.
     */
    @EventListener
    void on(RulePurged purged) {
        jdbc.sql("DELETE FROM rule_test_case WHERE rule_id = ?").param(purged.ruleId()).update();
    }

    /** How many test cases each stored rule has, for the rules that have any (rules in the trash are left out). */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT rule_id, COUNT(*) AS n FROM rule_test_case WHERE rule_id IN (SELECT id FROM sigma_rule)"
                        + " GROUP BY rule_id")
                .query((rs, i) -> out.put(rs.getString("rule_id"), rs.getInt("n"))).list();
        return out;
    }

    public RuleTestCase get(String ruleId, long testId) {
        requireRule(ruleId);
        return find(ruleId, testId).orElseThrow(() -> new RuleTestNotFoundException(ruleId, testId));
    }

    private Optional<RuleTestCase> find(String ruleId, long testId) {
        return jdbc.sql("SELECT * FROM rule_test_case WHERE rule_id = ? AND id = ?").params(ruleId, testId)
                .query(RuleTestService::row).optional();
    }

    @Transactional
    public RuleTestCase create(String ruleId, RuleTestDraft draft) {
        requireRule(ruleId);
        Integer n = jdbc.sql("SELECT COUNT(*) FROM rule_test_case WHERE rule_id = ?").param(ruleId)
                .query(Integer.class).single();
        if (n >= MAX_CASES_PER_RULE) {
            throw new BadRequestException("A rule has at most " + MAX_CASES_PER_RULE + " test cases");
        }
        Instant now = Instant.now();
        String actor = Actors.current();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO rule_test_case (rule_id, name, events, event_format, event_schema, expectation,
                        at_least, event_numbers, expected_alerts, origin, source, created_at, created_by, updated_at,
                        updated_by, version)
                    VALUES (:rule, :name, :events, :format, :schema, :kind, :atLeast, :numbers, :alerts, :origin,
                        :source, :now, :actor, :now, :actor, 1)""")
                    .paramSource(columns(draft).addValue("rule", ruleId).addValue("now", Timestamp.from(now))
                            .addValue("actor", actor)).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new BadRequestException("Rule '" + ruleId + "' already has a test case named '" + draft.name()
                    + "'");
        }
        long id = keys.getKey().longValue();
        events.publishEvent(new RuleTestChanged(RuleTestChanged.Change.CREATED, ruleId, id, draft.name(), 1));
        return get(ruleId, id);
    }

    /** @param expectedVersion the version read (If-Match), null for any */
    @Transactional
    public RuleTestCase replace(String ruleId, long testId, RuleTestDraft draft, Long expectedVersion) {
        RuleTestCase current = get(ruleId, testId);
        checkVersion(current, expectedVersion);
        int updated;
        try {
            updated = jdbc.sql("""
                    UPDATE rule_test_case SET name = :name, events = :events, event_format = :format,
                        event_schema = :schema, expectation = :kind, at_least = :atLeast, event_numbers = :numbers,
                        expected_alerts = :alerts, origin = :origin, source = :source, updated_at = :now,
                        updated_by = :actor, version = version + 1
                    WHERE id = :id AND rule_id = :rule AND version = :version""")
                    .paramSource(columns(draft).addValue("now", Timestamp.from(Instant.now()))
                            .addValue("actor", Actors.current()).addValue("id", testId).addValue("rule", ruleId)
                            .addValue("version", current.version())).update();
        } catch (DuplicateKeyException e) {
            throw new BadRequestException("Rule '" + ruleId + "' already has a test case named '" + draft.name()
                    + "'");
        }
        if (updated == 0) {
            throw new org.springframework.dao.OptimisticLockingFailureException("test case " + testId);
        }
        events.publishEvent(new RuleTestChanged(RuleTestChanged.Change.REPLACED, ruleId, testId, draft.name(),
                current.version() + 1));
        return get(ruleId, testId);
    }

    @Transactional
    public void delete(String ruleId, long testId, Long expectedVersion) {
        RuleTestCase current = get(ruleId, testId);
        checkVersion(current, expectedVersion);
        int deleted = jdbc.sql("DELETE FROM rule_test_case WHERE id = ? AND version = ?")
                .params(testId, current.version()).update();
        if (deleted == 0) {
            throw new org.springframework.dao.OptimisticLockingFailureException("test case " + testId);
        }
        events.publishEvent(new RuleTestChanged(RuleTestChanged.Change.DELETED, ruleId, testId, current.name(), 0));
    }

    private static void checkVersion(RuleTestCase current, Long expected) {
        if (expected != null && expected != current.version()) {
            throw new RuleTestVersionConflictException(current.ruleId(), current.id(), expected, current.version(),
                    current.updatedBy());
        }
    }

    private void requireRule(String ruleId) {
        if (!rules.exists(ruleId)) {
            throw new RuleNotFoundException(ruleId);
        }
    }

    /**
     * What a rule ships with for its tests (SigmaHQ's regression data, {@code simulation:} blocks), stored as its
     * test cases: the cases of an earlier import ({@code origin: sigmahq}) are replaced, the author's own are kept.
     * For the import of rules from a repository or an archive, which gives the rule's YAML and a way to read the
     * files of its repository.
     *
     * @return what was made, the Atomic links checked against the Atomic catalogue, and what could not be imported
     */
    @Transactional
    public ShippedTests importShipped(String ruleId, String ruleYaml, SigmaHqTestImport.FileResolver files) {
        requireRule(ruleId);
        SigmaHqTestImport.Result result = SigmaHqTestImport.fromRule(ruleYaml, files);
        for (RuleTestCase old : list(ruleId)) {
            if ("sigmahq".equals(old.origin())) {
                delete(ruleId, old.id(), old.version());
            }
        }
        for (RuleTestDraft d : result.cases()) {
            create(ruleId, d);
        }
        List<io.detectionhub.library.enrichment.AtomicTestLink> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (SigmaHqTestImport.AtomicLink link : result.atomicLinks()) {
            String technique = link.technique() == null ? "" : link.technique().strip().toUpperCase(java.util.Locale.ROOT);
            Optional<io.detectionhub.attack.atomic.AtomicTest> test = attack.atomicTests(technique).stream()
                    .filter(t -> link.atomicGuid().equalsIgnoreCase(t.guid())).findFirst();
            if (test.isPresent()) {
                known.add(new io.detectionhub.library.enrichment.AtomicTestLink(test.get().name(), test.get().guid(),
                        technique, null));
            } else {
                unknown.add(link.atomicGuid() + " (" + link.name() + ", " + link.technique()
                        + "): not in the Atomic catalogue");
            }
        }
        return new ShippedTests(result.cases().size(), known, unknown, result.notImportable(), result.problems());
    }

    /**
     * What {@link #importShipped} did: how many cases it stored, the rule's {@code simulation:} links found in the
     * Atomic catalogue (enrichment links the caller merges into the rule's Atomic tests) and those not found, the
     * entries it could not import and the problems of the info file.
     */
    public record ShippedTests(int cases, List<io.detectionhub.library.enrichment.AtomicTestLink> atomicTests,
                               List<String> unknownAtomicTests, List<String> notImportable, List<String> problems) {
    }

    // ------------------------------------------------------------------ running

    /** Runs every stored case of the stored rule. */
    public List<CaseResult> run(String ruleId) {
        List<RuleTestCase> cases = list(ruleId);
        CaseRunner runner = new CaseRunner(evaluation, new RuleSelection.Ids(List.of(ruleId)), ruleId);
        return cases.stream().map(c -> runner.run(c.id(), c.draft())).toList();
    }

    /** Runs one case, as given (stored or not), against the stored rule. */
    public CaseResult run(String ruleId, Long testId, RuleTestDraft draft) {
        requireRule(ruleId);
        return new CaseRunner(evaluation, new RuleSelection.Ids(List.of(ruleId)), ruleId).run(testId, draft);
    }

    /**
     * Runs the stored cases of a rule against an edited text that is not saved yet (the editor's check), and says
     * which would start failing: the results, each with whether it passes with the stored text.
     */
    public List<EditCheck> checkEdit(String ruleId, String editedYaml) {
        List<RuleTestCase> cases = list(ruleId);
        if (cases.isEmpty()) {
            return List.of();
        }
        CaseRunner edited = new CaseRunner(evaluation, new RuleSelection.Yaml(editedYaml, ruleId), ruleId);
        CaseRunner stored = new CaseRunner(evaluation, new RuleSelection.Ids(List.of(ruleId)), ruleId);
        List<EditCheck> out = new ArrayList<>();
        for (RuleTestCase c : cases) {
            CaseResult now = stored.run(c.id(), c.draft());
            CaseResult after = edited.run(c.id(), c.draft());
            out.add(new EditCheck(c, now.passed(), after));
        }
        return out;
    }

    /** One case in the editor's check: whether it passes with the stored rule, and its result with the edit. */
    public record EditCheck(RuleTestCase testCase, boolean passesNow, CaseResult withEdit) {
        /** Passes with the stored text, fails with the edit. */
        public boolean startsFailing() {
            return passesNow && !withEdit.passed();
        }
    }

    /**
     * Whether the rule's current tuning exceptions suppress every must-match event it has: the events of its
     * must-match test cases, or when it has none, the positive example generated from its own values.
     * {@code fullySuppressed}: the rule's own detection matched some of those events and every one of them was
     * suppressed (events the rule misses on its own say nothing about the exceptions and are not counted);
     * {@code basis} says which events were used, {@code exceptions} the titles of the exceptions that suppressed them.
     */
    public record Suppression(String ruleId, boolean fullySuppressed, String basis, int suppressedEvents,
                              List<String> exceptions) {
        public Suppression {
            exceptions = List.copyOf(exceptions);
        }
    }

    /** The {@link Suppression} of a stored rule by its active exceptions, judged by running its must-match events. */
    public Suppression suppression(String ruleId) {
        List<RuleTestDraft> mustMatch = list(ruleId).stream().map(RuleTestCase::draft)
                .filter(d -> d.expectation().kind() == Expectation.Kind.MATCH).toList();
        String basis = "its must-match test cases";
        if (mustMatch.isEmpty()) {
            mustMatch = generate(ruleId).drafts().stream()
                    .filter(d -> d.expectation().kind() == Expectation.Kind.MATCH).toList();
            basis = "the example event generated from its values";
        }
        if (mustMatch.isEmpty()) {
            return new Suppression(ruleId, false, "no must-match event to judge by", 0, List.of());
        }
        CaseRunner runner = new CaseRunner(evaluation, new RuleSelection.Ids(List.of(ruleId)), ruleId);
        int matched = 0;
        java.util.Set<String> events = new java.util.HashSet<>();
        java.util.Set<String> titles = new java.util.LinkedHashSet<>();
        for (int i = 0; i < mustMatch.size(); i++) {
            CaseResult r = runner.run(null, mustMatch.get(i));
            matched += r.matches().size();
            for (var s : r.suppressed()) {
                events.add(i + ":" + s.eventIndex());
                titles.add(s.filterTitle());
            }
        }
        return new Suppression(ruleId, matched == 0 && !events.isEmpty(), basis, events.size(),
                List.copyOf(titles));
    }

    // ------------------------------------------------------------------ generation

    /** Generated drafts, or why none could be made. */
    public record Generated(List<RuleTestDraft> drafts, String note) {
    }

    /**
     * A starting point from the rule's own values ({@link SampleEvents}): an event the rule matches and one it does
     * not, each checked by the evaluation, labelled as generated, for the author to edit.
     */
    public Generated generate(String ruleId) {
        String yaml = rules.findYaml(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId));
        SigmaCollection collection;
        try {
            collection = parser.parse(yaml);
        } catch (SigmaValidationException e) {
            return new Generated(List.of(), "The stored rule no longer parses: " + e.getMessage());
        }
        SigmaDocument primary = collection.correlations().isEmpty() ? collection.documents().get(0)
                : collection.correlations().get(0);
        if (primary instanceof SigmaCorrelation) {
            return new Generated(List.of(), "Events for a correlation are not generated: write the events of its "
                    + "rules with timestamps and the alerts you expect.");
        }
        if (!(primary instanceof SigmaRule rule)) {
            return new Generated(List.of(), "Only detection rules get generated test events.");
        }
        List<Map<String, Object>> candidates = SampleEvents.fromValues(rule);
        if (candidates.isEmpty()) {
            return new Generated(List.of(), "No event can be made from this rule's values (regular expressions, "
                    + "keywords, field references, placeholders or networks): write the events yourself.");
        }
        EvaluationEngine engine = EvaluationEngine.compile(collection, EvaluationOptions.DEFAULT);
        List<Event> parsed = new ArrayList<>();
        byte[] json = JSON.writeValueAsBytes(candidates);
        try (JsonEventReader r = JsonEventReader.open(new java.io.ByteArrayInputStream(json),
                EventReaderLimits.DEFAULT)) {
            r.forEachRemaining(parsed::add);
        }
        boolean[] fires = new boolean[parsed.size()];
        engine.evaluate(parsed, RunOptions.DEFAULT).matches().forEach(m -> fires[(int) m.eventIndex()] = true);
        List<RuleTestDraft> drafts = new ArrayList<>();
        for (int i = 0; i < fires.length; i++) {
            if (fires[i]) {
                drafts.add(new RuleTestDraft("Generated: fires", pretty(candidates.get(i)), "json", null,
                        Expectation.MUST_MATCH, "generated", "generated from the rule's values"));
                break;
            }
        }
        for (int i = 0; i < fires.length; i++) {
            if (!fires[i]) {
                drafts.add(new RuleTestDraft("Generated: stays quiet", pretty(candidates.get(i)), "json", null,
                        Expectation.MUST_NOT_MATCH, "generated", "generated from the rule's values"));
                break;
            }
        }
        String note = drafts.size() == 2 ? "Generated from the rule's values: edit them into real activity."
                : "Only " + drafts.size() + " of the two events could be generated from the rule's values.";
        return new Generated(drafts, note);
    }

    private static String pretty(Object event) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
    }

    // ------------------------------------------------------------------ rows

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource columns(RuleTestDraft d) {
        Expectation x = d.expectation();
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("name", d.name()).addValue("events", d.events()).addValue("format", d.format())
                .addValue("schema", d.schema()).addValue("kind", x.kind().keyword())
                .addValue("atLeast", x.atLeast())
                .addValue("numbers", x.events().isEmpty() ? null : String.join(",",
                        x.events().stream().map(String::valueOf).toList()))
                .addValue("alerts", x.alerts().isEmpty() ? null : JSON.writeValueAsString(x.alerts()))
                .addValue("origin", d.origin()).addValue("source", d.source());
    }

    private static RuleTestCase row(ResultSet rs, int i) throws SQLException {
        String numbers = rs.getString("event_numbers");
        String alerts = rs.getString("expected_alerts");
        Expectation x = new Expectation(Expectation.Kind.of(rs.getString("expectation")),
                (Integer) rs.getObject("at_least", Integer.class),
                numbers == null ? List.of() : Arrays.stream(numbers.split(",")).map(Integer::valueOf).toList(),
                alerts == null ? List.of() : JSON.readValue(alerts,
                        new TypeReference<List<Expectation.ExpectedAlert>>() { }));
        return new RuleTestCase(rs.getLong("id"), rs.getString("rule_id"), rs.getString("name"),
                rs.getString("events"), rs.getString("event_format"), rs.getString("event_schema"), x,
                rs.getString("origin"), rs.getString("source"), rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
