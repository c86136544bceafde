package io.detectionhub.sources.web;

import io.detectionhub.security.AdminRole;
import io.detectionhub.security.EditorRole;
import io.detectionhub.sources.GitSyncService;
import io.detectionhub.sources.ImportJob;
import io.detectionhub.sources.ImportRefusedException;
import io.detectionhub.sources.ImportService;
import io.detectionhub.sources.Overwrite;
import io.detectionhub.web.PageException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;
import java.util.Set;

/**
 * The Import page (editors): upload Sigma files or a rule archive, the recent imports; a job's page with its progress
 * bar (imports.js polls {@code GET /api/imports/{id}}), counts, per-file report, cancel and overwrite of conflicts.
 */
@Controller
class ImportPageController {

    private final ImportService imports;
    private final GitSyncService sources;

    ImportPageController(ImportService imports, GitSyncService sources) {
        this.imports = imports;
        this.sources = sources;
    }

    @EditorRole
    @GetMapping("/imports")
    String list(Model model) {
        model.addAttribute("jobs", imports.recent(20));
        model.addAttribute("sources", sources.all());
        return "imports/list";
    }

    @AdminRole
    @PostMapping("/imports/sources/{id}/sync")
    String sync(@PathVariable long id) {
        try {
            return "redirect:/imports/" + sources.sync(id).id();
        } catch (ImportRefusedException e) {
            throw new PageException(org.springframework.http.HttpStatus.valueOf(e.getStatusCode().value()),
                    e.getMessage());
        }
    }

    @EditorRole
    @PostMapping("/imports")
    String upload(@RequestParam(name = "file", required = false) List<MultipartFile> files,
                  @RequestParam(defaultValue = "false") boolean overwriteAll, Model model,
                  HttpServletResponse response) {
        try {
            ImportJob job = imports.startUpload(WebUploads.of(files), overwriteAll
                    ? new Overwrite(true, Set.of()) : Overwrite.NONE);
            return "redirect:/imports/" + job.id();
        } catch (ImportRefusedException e) {
            response.setStatus(e.getStatusCode().value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("jobs", imports.recent(20));
            model.addAttribute("sources", sources.all());
            return "imports/list";
        }
    }

    @EditorRole
    @GetMapping("/imports/{id}")
    String job(@PathVariable long id, @RequestParam(required = false) String status, Model model) {
        ImportJob job = imports.find(id).orElseThrow(() -> PageException.notFound("There is no import " + id + "."));
        model.addAttribute("job", job);
        model.addAttribute("files", job.finished() ? imports.report(id, status == null || status.isBlank() ? null
                : status) : List.of());
        model.addAttribute("status", status);
        return "imports/job";
    }

    @EditorRole
    @PostMapping("/imports/{id}/cancel")
    String cancel(@PathVariable long id) {
        imports.find(id).orElseThrow(() -> PageException.notFound("There is no import " + id + "."));
        imports.cancel(id);
        return "redirect:/imports/" + id;
    }

    @EditorRole
    @PostMapping("/imports/{id}/overwrite")
    String overwrite(@PathVariable long id) {
        imports.find(id).orElseThrow(() -> PageException.notFound("There is no import " + id + "."));
        try {
            return "redirect:/imports/" + imports.overwriteConflicts(id, Set.of()).id();
        } catch (ImportRefusedException e) {
            throw PageException.badRequest(e.getMessage());
        }
    }
}
