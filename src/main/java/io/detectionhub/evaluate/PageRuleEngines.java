package io.detectionhub.evaluate;

import io.detectionhub.library.LibraryRule;
import io.detectionhub.library.LibrarySnapshot;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Compiled evaluation engines for the evaluate page: the whole library (compiled once per library version), stored
 * rules by id, or a pasted Sigma text.
 */
@Component
public class PageRuleEngines {

    /** Rules picked by id that are not in the library. */
    public static class UnknownRulesException extends RuntimeException {
        public UnknownRulesException(List<String> ids) {
            super("No rule with id " + String.join(", ", ids) + " is in the library.");
        }
    }

    private record Compiled(long version, EvaluationEngine engine, Set<String> ids) {
    }

    private final RuleService rules;
    private final SigmaParser parser = new SigmaParser();
    private volatile Compiled library;

    public PageRuleEngines(RuleService rules) {
        this.rules = rules;
    }

    /** The engine of the whole library and the ids it holds. */
    public EvaluationEngine library() {
        return compiledLibrary().engine();
    }

    public boolean isStored(String ruleId) {
        Compiled c = library;
        return c != null && c.ids().contains(ruleId) || ruleId != null && rules.exists(ruleId);
    }

    private synchronized Compiled compiledLibrary() {
        long version = rules.libraryVersion();
        Compiled c = library;
        if (c != null && c.version() == version) {
            return c;
        }
        LibrarySnapshot snapshot = rules.snapshot();
        List<SigmaDocument> documents = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (LibraryRule rule : snapshot.rules()) {
            ids.add(rule.id());
            try {
                documents.addAll(parser.parse(rule.yaml()).documents());
            } catch (SigmaValidationException e) {
                // stored rules were valid when written; a rule the parser now refuses is left out, not fatal
            }
        }
        Compiled compiled = new Compiled(snapshot.version(),
                EvaluationEngine.compile(documents, EvaluationOptions.DEFAULT), Set.copyOf(ids));
        library = compiled;
        return compiled;
    }

    /** The engine of the stored rules with these ids (each with the documents stored with it). */
    public EvaluationEngine stored(List<String> ids) {
        List<SigmaDocument> documents = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            rules.find(id).map(StoredRule::yaml).ifPresentOrElse(
                    yaml -> documents.addAll(parser.parse(yaml).documents()), () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            throw new UnknownRulesException(missing);
        }
        return EvaluationEngine.compile(documents, EvaluationOptions.DEFAULT);
    }

    /** The engine of a pasted Sigma text. @throws SigmaValidationException when the text is not valid Sigma */
    public EvaluationEngine pasted(String yaml) {
        return EvaluationEngine.compile(parser.parse(yaml), EvaluationOptions.DEFAULT);
    }
}
