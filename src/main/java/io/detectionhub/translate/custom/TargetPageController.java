package io.detectionhub.translate.custom;

import io.detectionhub.security.Actors;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import io.detectionhub.translate.UnknownTargetException;
import io.detectionhub.web.PageException;
import io.detectionhub.web.RequestText;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets pages: the list of built-in and user targets, the editor (YAML with live validation and a live preview
 * on any rule of the library), the history of a user target, and delete with confirmation. Writes go through
 * {@link CustomTargetService}; the editor works without JavaScript (the server shows the same problems).
 */
@Controller
class TargetPageController {

    private static final Map<String, String> NOTICES = Map.of("created", "Target created.", "saved", "Changes saved.",
            "deleted", "Target deleted (its history is kept).");
    static final String STARTER = "myedr";

    private final CustomTargetService service;
    private final TargetResolver resolver;

    TargetPageController(CustomTargetService service, TargetResolver resolver) {
        this.service = service;
        this.resolver = resolver;
    }

    /** One row of the list. */
    public record TargetRow(String name, String kind, String description, String base, int tables, int logsources,
                            Integer version, String changedBy, String changedAt, List<String> problems) {
    }

    @ViewerRole
    @GetMapping("/targets")
    String list(@RequestParam(required = false) String notice, Model model) {
        List<TargetRow> builtIns = new ArrayList<>();
        for (Target t : resolver.builtIns().all()) {
            builtIns.add(new TargetRow(t.name(), TargetView.BUILT_IN, t.description(), null, t.tables().size(),
                    t.logsources().size(), null, null, null, List.of()));
        }
        List<TargetRow> users = new ArrayList<>();
        for (StoredTarget s : service.list()) {
            Target t = s.target();
            TargetVersion v = s.current();
            users.add(new TargetRow(v.name(), TargetView.USER, t == null ? null : t.description(), v.baseName(),
                    t == null ? 0 : t.tables().size(), t == null ? 0 : t.logsources().size(), v.version(),
                    v.changedBy(), v.changedAt().toString(), t == null ? service.problems(v.name()) : List.of()));
        }
        model.addAttribute("builtIns", builtIns);
        model.addAttribute("userTargets", users);
        model.addAttribute("notice", notice == null ? null : NOTICES.get(notice));
        return "targets/list";
    }

    @EditorRole
    @GetMapping("/targets/new")
    String newTarget(@RequestParam(required = false) String copy, Model model) {
        String definition;
        if (copy != null && resolver.builtIns().definition(copy).isPresent()) {
            definition = resolver.builtIns().definition(copy).get()
                    .replaceFirst("(?m)^name: " + java.util.regex.Pattern.quote(copy) + "\\s*$", "name: my-" + copy);
        } else if (copy != null && service.find(copy).isPresent()) {
            definition = service.find(copy).get().current().definition()
                    .replaceFirst("(?m)^name: " + java.util.regex.Pattern.quote(copy) + "\\s*$", "name: " + copy + "-copy");
        } else {
            definition = starterDefinition();
        }
        return editor(model, null, definition, null, List.of(), HttpStatus.OK);
    }

    @EditorRole
    @PostMapping("/targets/new")
    String create(@RequestParam String definition, @RequestParam(required = false) String comment,
                         Model model, HttpServletResponse response) {
        try {
            StoredTarget stored = service.create(definition, new Editor(Actors.current(), comment));
            return "redirect:/targets/" + stored.target().name() + "?notice=created";
        } catch (TargetDefinitionException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return editor(model, null, definition, comment, e.problems(), HttpStatus.BAD_REQUEST);
        } catch (TargetConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return editor(model, null, definition, comment, List.of(e.getMessage()), HttpStatus.CONFLICT);
        }
    }

    @ViewerRole
    @GetMapping("/targets/{name}")
    String show(@PathVariable String name, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", notice == null ? null : NOTICES.get(notice));
        if (resolver.builtIns().find(name).isPresent()) {
            Target t = resolver.builtIns().find(name).get();
            model.addAttribute("target", t);
            model.addAttribute("definition", resolver.builtIns().definition(name).orElseThrow());
            return "targets/builtin";
        }
        StoredTarget stored = service.find(name).orElseThrow(() -> PageException.notFound(
                "There is no target named '" + RequestText.printable(name) + "'."));
        model.addAttribute("history", service.history(name));
        return editor(model, stored.current(), stored.current().definition(), null, service.problems(name), HttpStatus.OK);
    }

    /**
     * Saves over the version the editor showed only ({@code version}): when the target changed meanwhile nothing is
     * saved, and the editor shows their version beside the text typed, carrying their version for the next save (409).
     */
    @EditorRole
    @PostMapping("/targets/{name}")
    String replace(@PathVariable String name, @RequestParam String definition,
                          @RequestParam(required = false) String comment,
                          @RequestParam(required = false) Long version,
                          Model model, HttpServletResponse response) {
        TargetVersion current = service.find(name).map(StoredTarget::current).orElseThrow(() -> PageException.notFound(
                "There is no target named '" + RequestText.printable(name) + "'."));
        if (version == null) {
            return changedMeanwhile(model, current, definition, comment, response);
        }
        try {
            service.replace(name, definition, new Editor(Actors.current(), comment), version);
            return "redirect:/targets/" + name + "?notice=saved";
        } catch (TargetDefinitionException e) {
            model.addAttribute("history", service.history(name));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return editor(model, current, definition, comment, e.problems(), HttpStatus.BAD_REQUEST);
        } catch (TargetVersionMismatchException e) {
            return changedMeanwhile(model, e.current(), definition, comment, response);
        } catch (TargetConflictException e) {
            model.addAttribute("history", service.history(name));
            response.setStatus(HttpStatus.CONFLICT.value());
            return editor(model, current, definition, comment, List.of(e.getMessage()), HttpStatus.CONFLICT);
        }
    }

    /** The editor with the text typed, their version beside it, and their version number for the next save. */
    private String changedMeanwhile(Model model, TargetVersion theirs, String definition, String comment,
                                    HttpServletResponse response) {
        model.addAttribute("history", service.history(theirs.name()));
        model.addAttribute("theirs", theirs);
        response.setStatus(HttpStatus.CONFLICT.value());
        return editor(model, theirs, definition, comment, List.of(), HttpStatus.CONFLICT);
    }

    @EditorRole
    @GetMapping("/targets/{name}/delete")
    String confirmDelete(@PathVariable String name, Model model) {
        StoredTarget stored = service.find(name).orElseThrow(() -> PageException.notFound(
                "There is no user-defined target named '" + RequestText.printable(name) + "'."));
        model.addAttribute("stored", stored.current());
        return "targets/delete";
    }

    /** Deletes the version the confirmation showed only; when it changed meanwhile, confirms again (409). */
    @EditorRole
    @PostMapping("/targets/{name}/delete")
    String delete(@PathVariable String name, @RequestParam(required = false) String comment,
                         @RequestParam(required = false) Long version,
                         Model model, HttpServletResponse response) {
        PageException notFound = PageException.notFound("There is no user-defined target named '"
                + RequestText.printable(name) + "'.");
        TargetVersion shown = service.find(name).map(StoredTarget::current).orElseThrow(() -> notFound);
        if (version == null) {
            return deleteChangedMeanwhile(shown, model, response);
        }
        try {
            service.delete(name, new Editor(Actors.current(), comment), version);
        } catch (UnknownTargetException e) {
            throw notFound;
        } catch (TargetVersionMismatchException e) {
            return deleteChangedMeanwhile(e.current(), model, response);
        } catch (TargetConflictException e) {
            throw new PageException(HttpStatus.CONFLICT, e.getMessage());
        }
        return "redirect:/targets?notice=deleted";
    }

    private static String deleteChangedMeanwhile(TargetVersion current, Model model, HttpServletResponse response) {
        model.addAttribute("stored", current);
        model.addAttribute("changedMeanwhile", "This target was changed by " + current.changedBy() + " since you "
                + "opened this page; it is now at version " + current.version() + ". Look at the current version "
                + "before you delete it.");
        response.setStatus(HttpStatus.CONFLICT.value());
        return "targets/delete";
    }

    private String editor(Model model, TargetVersion current, String definition, String comment, List<String> problems,
                          HttpStatus status) {
        model.addAttribute("current", current);
        model.addAttribute("definition", definition);
        model.addAttribute("comment", comment);
        model.addAttribute("problems", problems);
        model.addAttribute("builtInNames", resolver.builtIns().all().stream().map(Target::name).toList());
        model.addAttribute("status", status.value());
        if (!model.containsAttribute("history")) {
            model.addAttribute("history", List.of());
        }
        return "targets/edit";
    }

    static String starterDefinition() {
        return """
                # A target for your own table. Change the name, the table, its columns and the field mappings.
                # Format: see the built-in targets (GET /api/targets/sentinel-asim?format=yaml) and the docs.
                name: myedr
                description: Process events of our EDR in MyEdr_CL
                unmapped-fields: refuse   # or passthrough, or drop (the condition is removed with a warning)
                logsources:
                  - category: process_creation
                    table: MyEdr_CL
                    reason: the EDR sends every process start to MyEdr_CL
                tables:
                  MyEdr_CL:
                    timestamp: TimeGenerated
                    columns:
                      TimeGenerated: datetime
                      DeviceName: string
                      ProcessPath: string
                      ProcessCommandLine: string
                      ParentProcessPath: string
                      UserName: string
                      UserDomain: string
                      ProcessId: long
                    fields:
                      Image: ProcessPath
                      CommandLine: ProcessCommandLine
                      ParentImage: ParentProcessPath
                      User: {column: UserName, split-domain: UserDomain}
                      ProcessId: ProcessId
                    analyst-columns: [TimeGenerated, DeviceName, ProcessPath, ProcessCommandLine, UserName]
                """;
    }
}
