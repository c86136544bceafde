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
import io.detectionhub.library.revisions.RulePartChanged;
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
 * version (If-Match), each change published as {@link RuleTestChanged} (audit) and, once per change of a rule's
 * cases, {@link RulePartChanged} (a revision of the rule, part {@code tests}) in its transaction; what a rule ships
 * with (regression data, simulation blocks, embedded exemplar events) and an export's cases read back; generated
 * starting points from a rule's values; and running a rule's cases, as stored or against an edited text before it is
 * saved.
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

    private final AtomicSimulations simulations;

    public RuleTestService(JdbcClient jdbc, RuleService rules, EvaluationService evaluation,
                           ApplicationEventPublisher events, AtomicSimulations simulations) {
        this.simulations = simulations;
        this.jdbc = jdbc;
        this.rules = rules;
        this.evaluation = evaluation;
        this.events = events;
    }

    /** The rule's test cases, by name. @throws RuleNotFoundException for an unknown rule */
    public List<RuleTestCase> list(String ruleId) {
        requireRule(ruleId);
        return cases(ruleId);
    }

    /**
     * A purged rule's test cases go with it. A rule in the trash keeps them (they are not listed, counted or run while
     * it is deleted), so restoring it brings them back.
     */
    @EventListener
    void on(RulePurged purged) {
        jdbc.sql("DELETE FROM rule_test_case WHERE rule_id = ?").param(purged.ruleId()).update();
    }

    /**
     * What the test cases of these rules are now, as one comparable text (each case's id and version): read from the
     * database, so every instance sees another's change; a cache of results computed from the cases keys on it.
     */
    public String casesState(java.util.Collection<String> ruleIds) {
        if (ruleIds.isEmpty()) {
            return "";
        }
        return String.join(",", jdbc.sql("SELECT rule_id, id, version FROM rule_test_case WHERE rule_id IN (:ids)"
                        + " ORDER BY rule_id, id")
                .param("ids", List.copyOf(ruleIds))
                .query((rs, i) -> rs.getString("rule_id") + "/" + rs.getLong("id") + "@" + rs.getLong("version"))
                .list());
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
        List<RuleTestCase> before = cases(ruleId);
        if (before.size() >= MAX_CASES_PER_RULE) {
            throw new BadRequestException("A rule has at most " + MAX_CASES_PER_RULE + " test cases");
        }
        if (before.stream().anyMatch(c -> c.name().equals(draft.name()))) {
            throw duplicateName(ruleId, draft);
        }
        RuleTestCase created = insert(ruleId, draft);
        partChanged(ruleId, before, "test case '" + draft.name() + "' added");
        return created;
    }

    /** @param expectedVersion the version read (If-Match), null for any */
    @Transactional
    public RuleTestCase replace(String ruleId, long testId, RuleTestDraft draft, Long expectedVersion) {
        RuleTestCase current = get(ruleId, testId);
        checkVersion(current, expectedVersion);
        List<RuleTestCase> before = cases(ruleId);
        if (before.stream().anyMatch(c -> c.id() != testId && c.name().equals(draft.name()))) {
            throw duplicateName(ruleId, draft);
        }
        RuleTestCase replaced = update(current, draft);
        partChanged(ruleId, before, "test case '" + draft.name() + "' changed");
        return replaced;
    }

    @Transactional
    public void delete(String ruleId, long testId, Long expectedVersion) {
        RuleTestCase current = get(ruleId, testId);
        checkVersion(current, expectedVersion);
        List<RuleTestCase> before = cases(ruleId);
        deleteCase(current);
        partChanged(ruleId, before, "test case '" + current.name() + "' deleted");
    }

    /** The rule's cases by name, whether the rule is stored, in the trash or unknown. */
    private List<RuleTestCase> cases(String ruleId) {
        return jdbc.sql("SELECT * FROM rule_test_case WHERE rule_id = ? ORDER BY name, id").param(ruleId)
                .query(RuleTestService::row).list();
    }

    private static BadRequestException duplicateName(String ruleId, RuleTestDraft draft) {
        return new BadRequestException("Rule '" + ruleId + "' already has a test case named '" + draft.name() + "'");
    }

    /** Stores a new case (the caller checked the name and the limit: a failed statement would end a PostgreSQL transaction). */
    private RuleTestCase insert(String ruleId, RuleTestDraft draft) {
        Timestamp now = Timestamp.from(Instant.now());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO rule_test_case (rule_id, name, events, event_format, event_schema, expectation,
                        at_least, event_numbers, expected_alerts, origin, source, created_at, created_by, updated_at,
                        updated_by, version)
                    VALUES (:rule, :name, :events, :format, :schema, :kind, :atLeast, :numbers, :alerts, :origin,
                        :source, :now, :actor, :now, :actor, 1)""")
                    .paramSource(columns(draft).addValue("rule", ruleId).addValue("now", now)
                            .addValue("actor", Actors.current())).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw duplicateName(ruleId, draft);
        }
        long id = keys.getKey().longValue();
        events.publishEvent(new RuleTestChanged(RuleTestChanged.Change.CREATED, ruleId, id, draft.name(), 1));
        return find(ruleId, id).orElseThrow();
    }

    private RuleTestCase update(RuleTestCase current, RuleTestDraft draft) {
        int updated;
        try {
            updated = jdbc.sql("""
                    UPDATE rule_test_case SET name = :name, events = :events, event_format = :format,
                        event_schema = :schema, expectation = :kind, at_least = :atLeast, event_numbers = :numbers,
                        expected_alerts = :alerts, origin = :origin, source = :source, updated_at = :now,
                        updated_by = :actor, version = version + 1
                    WHERE id = :id AND rule_id = :rule AND version = :version""")
                    .paramSource(columns(draft).addValue("now", Timestamp.from(Instant.now()))
                            .addValue("actor", Actors.current()).addValue("id", current.id())
                            .addValue("rule", current.ruleId()).addValue("version", current.version())).update();
        } catch (DuplicateKeyException e) {
            throw duplicateName(current.ruleId(), draft);
        }
        if (updated == 0) {
            throw new org.springframework.dao.OptimisticLockingFailureException("test case " + current.id());
        }
        events.publishEvent(new RuleTestChanged(RuleTestChanged.Change.REPLACED, current.ruleId(), current.id(),
                draft.name(), current.version() + 1));
        return find(current.ruleId(), current.id()).orElseThrow();
    }

    private void deleteCase(RuleTestCase current) {
        int deleted = jdbc.sql("DELETE FROM rule_test_case WHERE id = ? AND version = ?")
                .params(current.id(), current.version()).update();
        if (deleted == 0) {
            throw new org.springframework.dao.OptimisticLockingFailureException("test case " + current.id());
        }
        events.publishEvent(new RuleTestChanged(RuleTestChanged.Change.DELETED, current.ruleId(), current.id(),
                current.name(), 0));
    }

    /**
     * After a change of a rule's cases: when the cases differ from {@code before}, one {@link RulePartChanged} for the
     * "tests" part, so the change is a revision of the rule (and a revert restores the cases).
     */
    private void partChanged(String ruleId, List<RuleTestCase> before, String comment) {
        String was = RuleTestsJson.write(before.stream().map(RuleTestCase::draft).toList());
        if (!was.equals(casesJson(ruleId))) {
            events.publishEvent(new RulePartChanged(ruleId, TestsPart.NAME, comment));
        }
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
     * What a rule ships with for its tests, for the import of rules from a repository or an archive (which gives the
     * rule's YAML and a way to read the files of its repository): SigmaHQ's regression data stored as its test cases
     * (the cases of an earlier import, {@code origin: sigmahq}, are replaced, the author's own are kept); its
     * {@code simulation:} blocks checked against the Atomic catalogue (the confirmed ones are already Atomic test links
     * in its enrichment, {@link AtomicSimulations}); its embedded exemplar events (already stored as cases when the
     * rule was written, {@link #onRuleWritten}).
     *
     * @param files the rule's repository; null when the source has none (regression data is then left as it is)
     * @return what was made, the Atomic links and warnings, and what could not be imported
     */
    @Transactional
    public ShippedTests importShipped(String ruleId, String ruleYaml, SigmaHqTestImport.FileResolver files) {
        requireRule(ruleId);
        int stored = 0;
        List<String> notImportable = List.of();
        List<String> problems = new ArrayList<>();
        if (files != null && ruleYaml.contains("regression_tests_path")) {
            SigmaHqTestImport.Result result = SigmaHqTestImport.fromRule(ruleYaml, files);
            List<RuleTestCase> before = cases(ruleId);
            for (RuleTestCase old : before) {
                if ("sigmahq".equals(old.origin())) {
                    deleteCase(old);
                }
            }
            for (RuleTestDraft d : result.cases()) {
                insert(ruleId, d);
            }
            stored = result.cases().size();
            notImportable = result.notImportable();
            problems.addAll(result.problems().stream().filter(p -> !p.startsWith("a simulation block")).toList());
            partChanged(ruleId, before, "regression tests imported");
        }
        AtomicSimulations.Checked atomics = simulations.check(ruleYaml);
        int embedded = (int) cases(ruleId).stream().filter(c -> "embedded".equals(c.origin())).count();
        if (EmbeddedTests.mayHold(ruleYaml)) {
            problems.addAll(EmbeddedTests.fromRule(ruleYaml).problems());
        }
        return new ShippedTests(stored, atomics.links(), atomics.warnings(), notImportable, problems, embedded);
    }

    /**
     * What {@link #importShipped} found: how many regression cases it stored, the rule's {@code simulation:} links
     * the Atomic catalogue confirms (in the rule's enrichment) and a warning for each it does not (never linked), the
     * regression entries it could not import, the problems of the info file and of embedded events, and how many
     * embedded cases the rule has.
     */
    public record ShippedTests(int cases, List<io.detectionhub.library.enrichment.AtomicTestLink> atomicTests,
                               List<String> unknownAtomicTests, List<String> notImportable, List<String> problems,
                               int embeddedCases) {
    }

    /** Whether a rule's text may hold embedded exemplar events (a cheap test before reading it; {@link EmbeddedTests}). */
    public static boolean mayEmbedEvents(String yaml) {
        return EmbeddedTests.mayHold(yaml);
    }

    /** The simulation blocks of a stored rule, checked against the Atomic catalogue (the rule's Tests tab, API). */
    public AtomicSimulations.Checked simulations(String ruleId) {
        return simulations.check(rules.findYaml(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId)));
    }

    // ------------------------------------------------------------------ embedded events

    /**
     * A rule created or replaced (by a person, an import, a sync): the exemplar events embedded in its text become its
     * {@code embedded} test cases, in the same transaction ({@link EmbeddedTests}); cases of an earlier text that are
     * no longer embedded go. Only rules whose text may hold such events are read (one query per write). A case whose
     * name a case of another origin has is left out (nothing is overwritten that a person wrote). Runs before the
     * revision recorder (first in order), so the rule's own revision (created, replaced) holds the cases its text
     * brought: no revision of their own.
     */
    @EventListener
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    void onRuleWritten(io.detectionhub.library.RuleLibraryChanged changed) {
        if (changed.change() != io.detectionhub.library.RuleLibraryChanged.Change.CREATED
                && changed.change() != io.detectionhub.library.RuleLibraryChanged.Change.REPLACED
                || changed.ruleIds().isEmpty()) {
            return;
        }
        for (int from = 0; from < changed.ruleIds().size(); from += 500) {
            List<String> ids = changed.ruleIds().subList(from, Math.min(changed.ruleIds().size(), from + 500));
            jdbc.sql("""
                    SELECT id, yaml FROM sigma_rule WHERE id IN (:ids) AND (yaml LIKE '%testcases%'
                        OR yaml LIKE '%test_events%' OR yaml LIKE '%custom_attributes%'
                        OR id IN (SELECT rule_id FROM rule_test_case WHERE origin = 'embedded'))""")
                    .param("ids", ids)
                    .query((rs, i) -> Map.entry(rs.getString("id"), rs.getString("yaml"))).list()
                    .forEach(rule -> syncEmbedded(rule.getKey(), rule.getValue()));
        }
    }

    private void syncEmbedded(String ruleId, String yaml) {
        List<RuleTestDraft> wanted = EmbeddedTests.mayHold(yaml) ? EmbeddedTests.fromRule(yaml).cases() : List.of();
        List<RuleTestCase> before = cases(ruleId);
        Map<String, RuleTestCase> byName = new java.util.HashMap<>();
        before.forEach(c -> byName.put(c.name(), c));
        for (RuleTestCase old : before) {
            if ("embedded".equals(old.origin()) && wanted.stream().noneMatch(d -> d.name().equals(old.name()))) {
                deleteCase(old);
            }
        }
        int count = before.size();
        for (RuleTestDraft d : wanted) {
            RuleTestCase existing = byName.get(d.name());
            if (existing == null) {
                if (count < MAX_CASES_PER_RULE) {
                    insert(ruleId, d);
                    count++;
                }
            } else if ("embedded".equals(existing.origin()) && !existing.draft().equals(d)) {
                update(existing, d);
            }
        }
    }

    // ------------------------------------------------------------------ cases as one document

    /** The rule's cases as canonical JSON ({@link RuleTestsJson}); {@code []} when none. Reads a trashed rule's too. */
    public String casesJson(String ruleId) {
        return RuleTestsJson.write(cases(ruleId).stream().map(RuleTestCase::draft).toList());
    }

    /** What {@link #importCases} did, and the entries it could not take. */
    public record ImportedCases(int created, int replaced, int unchanged, List<String> problems) {
    }

    /**
     * Reads a rule's cases from an export's {@code .tests.json}: create-or-update by case name, each case keeping the
     * origin and source it was exported with; the rule's other cases stay. One {@link RulePartChanged} when any
     * case changed.
     */
    @Transactional
    public ImportedCases importCases(String ruleId, String json) {
        requireRule(ruleId);
        RuleTestsJson.Read read = RuleTestsJson.read(json);
        List<String> problems = new ArrayList<>(read.problems());
        List<RuleTestCase> before = cases(ruleId);
        Map<String, RuleTestCase> byName = new java.util.HashMap<>();
        before.forEach(c -> byName.put(c.name(), c));
        int created = 0;
        int replaced = 0;
        int unchanged = 0;
        int count = before.size();
        for (RuleTestDraft d : read.cases()) {
            RuleTestCase existing = byName.get(d.name());
            if (existing == null) {
                if (count >= MAX_CASES_PER_RULE || byName.containsKey(d.name())) {
                    problems.add("test case '" + d.name() + "': " + (count >= MAX_CASES_PER_RULE
                            ? "the rule already has " + MAX_CASES_PER_RULE + " cases" : "named twice"));
                    continue;
                }
                byName.put(d.name(), insert(ruleId, d));
                count++;
                created++;
            } else if (existing.draft().equals(d)) {
                unchanged++;
            } else {
                byName.put(d.name(), update(existing, d));
                replaced++;
            }
        }
        if (created + replaced > 0) {
            partChanged(ruleId, before, "test cases imported");
        }
        return new ImportedCases(created, replaced, unchanged, problems);
    }

    /**
     * Puts a rule's cases back as a snapshot ({@link #casesJson}) holds them (a revert): every case not in it goes,
     * every case in it is as it was. No {@link RulePartChanged}: the revert is the revision.
     */
    @Transactional
    public void restoreCases(String ruleId, String json) {
        RuleTestsJson.Read read = RuleTestsJson.read(json == null || json.isBlank() ? "[]" : json);
        if (!read.problems().isEmpty()) {
            throw new IllegalStateException("The stored test cases of rule " + ruleId + " cannot be read back: "
                    + read.problems());
        }
        Map<String, RuleTestDraft> wanted = new java.util.LinkedHashMap<>();
        read.cases().forEach(d -> wanted.put(d.name(), d));
        Map<String, RuleTestCase> byName = new java.util.HashMap<>();
        for (RuleTestCase c : cases(ruleId)) {
            if (wanted.containsKey(c.name())) {
                byName.put(c.name(), c);
            } else {
                deleteCase(c);
            }
        }
        for (RuleTestDraft d : wanted.values()) {
            RuleTestCase existing = byName.get(d.name());
            if (existing == null) {
                insert(ruleId, d);
            } else if (!existing.draft().equals(d)) {
                update(existing, d);
            }
        }
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
        /** Passes with the stored text, fails with the edit (in the API answer too, as its OpenAPI text says). */
        @com.fasterxml.jackson.annotation.JsonProperty("startsFailing")
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
