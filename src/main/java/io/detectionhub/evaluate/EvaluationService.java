package io.detectionhub.evaluate;

import io.detectionhub.library.LibraryRule;
import io.detectionhub.library.LibrarySnapshot;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.EvaluationProblem;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.FieldNameMapping;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.translate.TargetService;
import io.detectionhub.web.BadRequestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the rules of a request (pasted YAML, stored rules by id, or the whole library) and evaluates events against
 * them. The library is parsed once per library version and compiled once per version, schema and set of active
 * tuning exceptions (they change and expire without a library write, so they are part of the key, never of the
 * parsed library); pasted rules are compiled per request. Stored rules run with their active exceptions as Sigma
 * filters unless the settings say {@code exceptions=ignore}.
 */
@Service
@EnableConfigurationProperties(EvaluationProperties.class)
public class EvaluationService {

    /** The library's documents parsed at one version, by stored rule id. */
    private record LibraryDocuments(long version, List<SigmaDocument> documents,
                                    Map<String, List<SigmaDocument>> byStoredId, List<EvaluationProblem> problems) {
    }

    /**
     * {@code targetsRevision}: the user targets' change counter, so a changed user-defined schema recompiles;
     * {@code exceptions}: the active exceptions applied (ids and versions), or null when they are ignored.
     */
    private record EngineKey(long version, String schema, long targetsRevision, Map<String, List<String>> placeholders,
                             String exceptions) {
    }

    private final RuleService rules;
    private final EvaluationProperties properties;
    private final TargetRegistry targets;
    private final TargetService userTargets;
    private final ExceptionFilters exceptions;
    private final SigmaParser parser = new SigmaParser();
    private volatile LibraryDocuments library;
    private final Map<EngineKey, EvaluationEngine> engines;

    public EvaluationService(RuleService rules, EvaluationProperties properties,
                             ObjectProvider<TargetRegistry> targets, TargetService userTargets,
                             RuleExceptions ruleExceptions) {
        this.rules = rules;
        this.exceptions = new ExceptionFilters(ruleExceptions);
        this.userTargets = userTargets;
        this.properties = properties;
        this.targets = targets.getIfAvailable(TargetRegistry::builtIn);
        int keep = Math.max(1, properties.compiledLibraries());
        this.engines = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EngineKey, EvaluationEngine> eldest) {
                return size() > keep;
            }
        });
    }

    public EventReaderLimits limits() {
        return properties.limits();
    }

    /** Fails with 404 before any body is read when a stored rule does not exist. */
    public void requireStored(List<String> ids) {
        for (String id : ids) {
            if (!rules.exists(id)) {
                throw new RuleNotFoundException(id);
            }
        }
    }

    /**
     * The compiled rules of a selection.
     *
     * @throws SigmaValidationException pasted YAML that is not valid Sigma (400)
     * @throws RuleNotFoundException    an unknown stored rule id (404)
     */
    public CompiledSelection compile(RuleSelection selection, EvaluationSettings parameters) {
        if (parameters.explainsMisses() && selection instanceof RuleSelection.Library) {
            throw new BadRequestException("explainMisses needs the rules to explain: give rule or ruleIds (the "
                    + "whole library would explain every rule's miss of every event)");
        }
        boolean applyExceptions = parameters.appliesExceptions();
        EvaluationOptions options = new EvaluationOptions(parameters.placeholders(), mapping(parameters.schema()));
        if (selection instanceof RuleSelection.Yaml yaml) {
            if (yaml.text().length() > properties.maxEventSize().toBytes() * 4) {
                throw new BadRequestException("The rule text is too long");
            }
            List<SigmaDocument> documents = new ArrayList<>(parser.parseSelfContained(yaml.text()).documents());
            if (applyExceptions && yaml.exceptionsOf() != null) {
                documents.addAll(exceptions.activeFor(List.of(yaml.exceptionsOf())));
            }
            return new CompiledSelection(EvaluationEngine.compile(documents, options), List.of());
        }
        LibraryDocuments docs = libraryDocuments();
        if (selection instanceof RuleSelection.Ids ids) {
            List<SigmaDocument> documents = new ArrayList<>(select(docs, ids.ids()));
            if (applyExceptions) {
                documents.addAll(exceptions.activeFor(storedIdsOf(docs, documents)));
            }
            return new CompiledSelection(EvaluationEngine.compile(documents, options), List.of());
        }
        long targetsRevision = parameters.schema() == null || targets.find(parameters.schema()).isPresent() ? 0
                : userTargets.userTargetsRevision();
        ExceptionFilters.Active active = applyExceptions ? exceptions.activeForAll() : null;
        EngineKey key = new EngineKey(docs.version(), parameters.schema(), targetsRevision, parameters.placeholders(),
                active == null ? null : active.fingerprint());
        EvaluationEngine engine = engines.get(key);
        if (engine == null) {
            List<SigmaDocument> documents = docs.documents();
            if (active != null && !active.filters().isEmpty()) {
                documents = new ArrayList<>(documents);
                documents.addAll(active.filters());
            }
            engine = EvaluationEngine.compile(documents, options);
            engines.put(key, engine);
        }
        return new CompiledSelection(engine, docs.problems());
    }

    /** Evaluates a stream of events (read lazily, one at a time) against compiled rules. */
    public EvaluationResult evaluate(CompiledSelection compiled, Iterator<Event> events,
                                     EvaluationSettings parameters) {
        EvaluationEngine.Run run = compiled.engine().newRun(runOptions(parameters));
        while (events.hasNext()) {
            run.accept(events.next());
        }
        return compiled.withProblems(run.finish());
    }

    public RunOptions runOptions(EvaluationSettings parameters) {
        return RunOptions.DEFAULT.withTimestampField(parameters.timestampField())
                .withLogsourceHint(parameters.logsourceHint())
                .withMaxMatches(properties.maxMatches())
                .withMissExplanations(parameters.explainsMisses() ? EvaluationSettings.MISS_EXPLANATIONS : 0);
    }

    /** The schemas events may be given in, besides Sigma's own field names: built-in and user-defined targets. */
    public List<String> schemas() {
        List<String> names = new java.util.ArrayList<>(targets.all().stream().map(Target::name).toList());
        userTargets.all().stream().map(Target::name).filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    /**
     * Where Sigma fields are in events of {@code schema} (null or sigma: Sigma's own names).
     *
     * @throws BadRequestException for an unknown schema
     */
    public FieldNameMapping fieldNameMapping(String schema) {
        return mapping(schema);
    }

    private FieldNameMapping mapping(String schema) {
        if (schema == null || schema.equalsIgnoreCase("sigma")) {
            return FieldNameMapping.IDENTITY;
        }
        Target target = targets.find(schema).or(() -> userTargets.find(schema))
                .orElseThrow(() -> new BadRequestException("Unknown schema '" + schema
                + "': use one of " + String.join(", ", schemas()) + ", or none for Sigma field names"));
        return new TargetFieldNameMapping(target);
    }

    /** Compiled rules plus problems found before compiling (stored rules that no longer parse). */
    public record CompiledSelection(EvaluationEngine engine, List<EvaluationProblem> problems) {
        EvaluationResult withProblems(EvaluationResult r) {
            if (problems.isEmpty()) {
                return r;
            }
            List<EvaluationProblem> all = new ArrayList<>(problems);
            all.addAll(r.problems());
            return r.withProblems(all);
        }
    }

    private LibraryDocuments libraryDocuments() {
        long version = rules.libraryVersion();
        LibraryDocuments current = library;
        if (current != null && current.version() == version) {
            return current;
        }
        synchronized (this) {
            current = library;
            if (current != null && current.version() == version) {
                return current;
            }
            LibrarySnapshot snapshot = rules.snapshot();
            List<SigmaDocument> documents = new ArrayList<>();
            Map<String, List<SigmaDocument>> byId = new LinkedHashMap<>();
            List<EvaluationProblem> problems = new ArrayList<>();
            for (LibraryRule r : snapshot.rules()) {
                try {
                    List<SigmaDocument> docs = parser.parse(r.yaml()).documents();
                    documents.addAll(docs);
                    byId.put(r.id(), docs);
                } catch (SigmaValidationException e) {
                    problems.add(new EvaluationProblem(r.id(), r.title(), "Stored rule no longer parses: "
                            + e.getMessage()));
                }
            }
            library = new LibraryDocuments(snapshot.version(), documents, byId, problems);
            return library;
        }
    }

    /** The stored documents of the ids, the documents their correlations reference, and filters naming them. */
    private static List<SigmaDocument> select(LibraryDocuments docs, List<String> ids) {
        Set<SigmaDocument> selected = new LinkedHashSet<>();
        Deque<SigmaDocument> pending = new ArrayDeque<>();
        for (String id : ids) {
            List<SigmaDocument> stored = docs.byStoredId().get(id);
            if (stored == null) {
                throw new RuleNotFoundException(id);
            }
            pending.addAll(stored);
        }
        while (!pending.isEmpty()) {
            SigmaDocument d = pending.poll();
            if (!selected.add(d)) {
                continue;
            }
            if (d instanceof SigmaCorrelation c) {
                for (String ref : c.rules()) {
                    docs.documents().stream().filter(x -> refers(x, ref)).findFirst().ifPresent(pending::add);
                }
            }
        }
        for (SigmaDocument d : docs.documents()) {
            if (d instanceof SigmaFilter f && f.rules().stream()
                    .anyMatch(ref -> selected.stream().anyMatch(s -> refers(s, ref)))) {
                selected.add(d);
            }
        }
        return List.copyOf(selected);
    }

    /** The stored rules (ids) whose documents are among {@code documents}, in library order. */
    private static List<String> storedIdsOf(LibraryDocuments docs, List<SigmaDocument> documents) {
        Set<SigmaDocument> wanted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        wanted.addAll(documents);
        List<String> ids = new ArrayList<>();
        docs.byStoredId().forEach((id, stored) -> {
            if (stored.stream().anyMatch(wanted::contains)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static boolean refers(SigmaDocument d, String ref) {
        return ref.equals(d.metadata().id()) || ref.equals(d.metadata().name());
    }
}
