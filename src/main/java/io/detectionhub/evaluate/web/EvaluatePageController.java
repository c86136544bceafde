package io.detectionhub.evaluate.web;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.EvaluationSettings;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.security.Role;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.evaluation.FieldNameMapping;
import io.detectionhub.sigma.evaluation.SuppressedMatch;
import io.detectionhub.sigma.exceptions.ExceptionDraft;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.evaluation.CorrelationMatch;
import io.detectionhub.sigma.evaluation.EvaluationProblem;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventFormatException;
import io.detectionhub.sigma.evaluation.event.EventLimitExceededException;
import io.detectionhub.sigma.evaluation.event.EventReader;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.EventReaders;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.web.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The evaluate page: paste or upload events, pick rules, see what fires and why. */
@Controller
class EvaluatePageController {

    /** Matching events kept whole for display (the rest are only counted). */
    static final int EVENTS_KEPT = 20_000;
    static final int MATCHES_SHOWN = 200;

    static final List<String> PRODUCTS = List.of("windows", "linux", "macos", "aws", "azure", "gcp", "m365", "okta",
            "github", "zeek");
    static final List<String> CATEGORIES = List.of("process_creation", "file_event", "network_connection",
            "registry_set", "registry_event", "dns_query", "image_load", "ps_script", "ps_module", "pipe_created",
            "process_access", "webserver", "proxy", "firewall", "antivirus");

    /** A failed evaluation, worded for the page. */
    public record PageError(String title, String detail, List<String> problems) {
    }

    private final EvaluationService evaluation;
    private final RuleService rules;
    private final RuleExceptions exceptions;

    EvaluatePageController(EvaluationService evaluation, RuleService rules, RuleExceptions exceptions) {
        this.evaluation = evaluation;
        this.rules = rules;
        this.exceptions = exceptions;
    }

    @ViewerRole
    @GetMapping("/evaluate")
    String page(@RequestParam(required = false) String ruleIds, Model model) {
        EvaluateForm form = new EvaluateForm();
        if (ruleIds != null && !ruleIds.isBlank()) {
            form.setMode("ids");
            form.setRuleIds(ruleIds);
        }
        return render(form, null, null, model);
    }

    @ViewerRole
    @PostMapping("/evaluate")
    String evaluate(@ModelAttribute EvaluateForm form, @RequestParam(required = false) MultipartFile file,
                    Model model, HttpServletResponse response) {
        try {
            EvaluationSettings settings = form.settings();
            EvaluationService.CompiledSelection compiled = evaluation.compile(selection(form), settings);
            return render(form, run(compiled, settings, form, file), null, model);
        } catch (SigmaValidationException e) {
            return failed(form, new PageError("The rule is not valid Sigma", "Fix these problems and try again:",
                    e.problems().stream().map(SigmaProblem::toString).toList()), model, response);
        } catch (RuleNotFoundException | BadRequestException | IllegalArgumentException e) {
            return failed(form, new PageError("Cannot run those rules", e.getMessage(), List.of()), model, response);
        } catch (EventFormatException | EventLimitExceededException e) {
            return failed(form, new PageError("The events could not be read", e.getMessage(), List.of()), model,
                    response);
        }
    }

    private static RuleSelection selection(EvaluateForm form) {
        return switch (form.getMode()) {
            case "ids" -> {
                List<String> ids = Arrays.stream(form.getRuleIds().split("[,\\s]+")).map(String::trim)
                        .filter(s -> !s.isEmpty()).distinct().limit(500).toList();
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException("Give at least one rule id, or choose the whole library.");
                }
                yield new RuleSelection.Ids(ids);
            }
            case "yaml" -> {
                if (form.getRule().isBlank()) {
                    throw new IllegalArgumentException("Paste a Sigma rule, or choose the whole library.");
                }
                yield new RuleSelection.Yaml(form.getRule());
            }
            default -> new RuleSelection.Library();
        };
    }

    private EvaluationView run(EvaluationService.CompiledSelection compiled, EvaluationSettings parameters,
                               EvaluateForm form, MultipartFile file) {
        List<Event> kept = new ArrayList<>();
        EvaluationResult result;
        try (InputStream in = input(form, file); EventReader reader = open(in, form, file)) {
            Iterator<Event> keeping = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return reader.hasNext();
                }

                @Override
                public Event next() {
                    Event event = reader.next();
                    if (kept.size() < EVENTS_KEPT) {
                        kept.add(event);
                    }
                    return event;
                }
            };
            result = evaluation.evaluate(compiled, keeping, parameters);
        } catch (IOException e) {
            throw new EventFormatException("the upload could not be read: " + e.getMessage(), e);
        }
        if (result.eventsEvaluated() == 0) {
            throw new IllegalArgumentException("No events were given: paste events or choose a file.");
        }
        return view(result, kept, form.getMode(), parameters, canEdit());
    }

    private static InputStream input(EvaluateForm form, MultipartFile file) throws IOException {
        if (file != null && !file.isEmpty()) {
            return file.getInputStream();
        }
        return new ByteArrayInputStream(form.getEvents().getBytes(StandardCharsets.UTF_8));
    }

    private EventReader open(InputStream in, EvaluateForm form, MultipartFile file) {
        EventReaders.Format format = switch (form.getFormat()) {
            case "json" -> EventReaders.Format.JSON;
            case "ndjson" -> EventReaders.Format.NDJSON;
            case "csv" -> EventReaders.Format.CSV;
            default -> file != null && !file.isEmpty() ? EventReaders.formatOfFileName(file.getOriginalFilename()) : null;
        };
        EventReaderLimits limits = evaluation.limits();
        return format == null ? EventReaders.open(in, (String) null, limits) : EventReaders.open(in, format, limits);
    }

    /**
     * @param settings how the evaluation ran (the events' schema, whether exceptions applied)
     * @param canEdit  whether to draft "Suppress matches like this" exceptions for matches of stored rules
     */
    EvaluationView view(EvaluationResult result, List<Event> kept, String mode, EvaluationSettings settings,
                        boolean canEdit) {
        Map<String, Optional<SigmaRule>> storedRules = new HashMap<>();
        Function<String, Optional<SigmaRule>> storedRule = id -> "yaml".equals(mode) || id == null ? Optional.empty()
                : storedRules.computeIfAbsent(id, k -> rules.find(k).map(r -> r.document() instanceof SigmaRule d
                ? d : null));
        FieldNameMapping mapping = canEdit ? evaluation.fieldNameMapping(settings.schema()) : null;
        List<EvaluationView.Match> matches = new ArrayList<>();
        for (RuleMatch m : result.matches().stream().limit(MATCHES_SHOWN).toList()) {
            List<EvaluationView.Field> fields = m.matchedFields().stream().map(EvaluatePageController::field).toList();
            Event event = m.eventIndex() < kept.size() ? kept.get((int) m.eventIndex()) : null;
            Optional<SigmaRule> rule = storedRule.apply(m.ruleId());
            boolean stored = rule.isPresent() || !"yaml".equals(mode) && m.ruleId() != null
                    && rules.exists(m.ruleId());
            EvaluationView.SuppressDraft suppress = canEdit && event != null && rule.isPresent()
                    ? draft(rule.get(), event, m, mapping) : null;
            matches.add(new EvaluationView.Match(m.ruleId(), m.ruleTitle(), m.level(), stored, m.eventIndex() + 1,
                    m.matchedSelections(), fields, event == null ? List.of() : eventFields(event, m.matchedFields()),
                    suppress));
        }
        Map<String, Optional<String>> exceptionIds = new HashMap<>();
        List<EvaluationView.Suppressed> suppressed = new ArrayList<>();
        for (SuppressedMatch s : result.suppressed().stream().limit(MATCHES_SHOWN).toList()) {
            boolean stored = !"yaml".equals(mode) && s.ruleId() != null && rules.exists(s.ruleId());
            String exceptionId = !stored || s.filterId() == null ? null : exceptionIds.computeIfAbsent(
                    s.ruleId() + "\n" + s.filterId(), k -> exceptions.find(s.ruleId(), s.filterId())
                            .map(RuleException::id)).orElse(null);
            RuleMatch own = s.match();
            suppressed.add(new EvaluationView.Suppressed(s.ruleId(), s.title(), s.level(), stored, s.eventIndex() + 1,
                    s.filterTitle(), exceptionId, own == null ? List.of() : own.matchedSelections(),
                    own == null ? List.of() : own.matchedFields().stream().map(EvaluatePageController::field)
                            .toList()));
        }
        List<EvaluationView.Correlation> correlations = result.correlations().stream()
                .map(EvaluatePageController::correlation).toList();
        List<String> problems = result.problems().stream().map(EvaluatePageController::problem).toList();
        return new EvaluationView(result.rulesEvaluated(), result.eventsEvaluated(), matches,
                Math.max(0, result.matches().size() - MATCHES_SHOWN), suppressed,
                Math.max(0, result.suppressed().size() - MATCHES_SHOWN), !settings.appliesExceptions(),
                correlations, problems, result.truncated(), result.misses().stream().limit(MATCHES_SHOWN).toList());
    }

    /** The exception "Suppress matches like this" proposes: the event's values of the fields the rule matched. */
    private static EvaluationView.SuppressDraft draft(SigmaRule rule, Event event, RuleMatch m,
                                                      FieldNameMapping mapping) {
        try {
            ExceptionDraft.Draft d = ExceptionDraft.fromEvent(rule, event, m.matchedFields(), mapping,
                    TargetRegistry.builtIn().all());
            return new EvaluationView.SuppressDraft(d.title(), d.yaml());
        } catch (IllegalArgumentException e) {
            return null; // nothing of the event can narrow an exception (e.g. only keyword hits on huge values)
        }
    }

    /** Whether the signed-in user may change rules (and so create exceptions). */
    private static boolean canEdit() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && Role.highestOf(authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList()).filter(r -> r.includes(Role.EDITOR)).isPresent();
    }

    static EvaluationView.Field field(FieldMatch f) {
        HighlightedValue v = HighlightedValue.of(f.value(), f.pattern(), f.modifiers());
        return new EvaluationView.Field(f.field() == null ? "(keyword)" : f.field(), v.before(), v.hit(), v.after(),
                String.join("|", f.modifiers()), f.pattern());
    }

    static List<EvaluationView.EventField> eventFields(Event event, List<FieldMatch> matched) {
        Set<String> names = matched.stream().map(FieldMatch::field).filter(java.util.Objects::nonNull)
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<EvaluationView.EventField> rows = new ArrayList<>();
        for (String name : event.fieldNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            String leaf = lower.substring(lower.lastIndexOf('.') + 1);
            String value = event.values(name).stream().map(EvaluatePageController::text)
                    .collect(Collectors.joining(", "));
            rows.add(new EvaluationView.EventField(name, value, names.contains(lower) || names.contains(leaf)));
            if (rows.size() >= 200) {
                break;
            }
        }
        return rows;
    }

    private static String text(EventValue v) {
        return v.isNull() ? "null" : String.valueOf(v.display());
    }

    static EvaluationView.Correlation correlation(CorrelationMatch c) {
        Map<String, String> group = new LinkedHashMap<>(c.groupBy());
        String groupText = group.isEmpty() ? "(all events)" : group.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
        return new EvaluationView.Correlation(c.ruleId(), c.ruleTitle(), c.level(), c.type(), groupText,
                c.eventIndexes().stream().map(i -> i + 1).toList(),
                c.firstTimestamp() == null ? "" : c.firstTimestamp().toString(),
                c.lastTimestamp() == null ? "" : c.lastTimestamp().toString(), c.count());
    }

    private static String problem(EvaluationProblem p) {
        return (p.ruleTitle() != null ? p.ruleTitle() + ": " : "") + p.message();
    }

    private String failed(EvaluateForm form, PageError error, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return render(form, null, error, model);
    }

    private String render(EvaluateForm form, EvaluationView result, PageError error, Model model) {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("auto", "Detect");
        formats.put("json", "JSON (object or array)");
        formats.put("ndjson", "NDJSON");
        formats.put("csv", "CSV with header");
        model.addAttribute("form", form);
        model.addAttribute("formats", formats);
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("sigma", "Sigma field names (Sysmon, Linux, evtx JSON)");
        evaluation.schemas().forEach(s -> schemas.put(s, "Exported from " + s + " (its column names)"));
        model.addAttribute("schemas", schemas);
        model.addAttribute("products", PRODUCTS);
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute("result", result);
        model.addAttribute("error", error);
        return "evaluate";
    }
}
