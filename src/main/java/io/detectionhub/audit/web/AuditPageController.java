package io.detectionhub.audit.web;

import io.detectionhub.audit.AuditLog;
import io.detectionhub.security.AdminRole;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log page for admins: filters (a GET form, so every view is a shareable URL) and a paged table. */
@Controller
class AuditPageController {

    private final AuditLog log;

    AuditPageController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/admin/audit")
    @AdminRole
    String audit(@ModelAttribute("filter") AuditFilter filter, Model model) {
        AuditLog.Page page = log.search(filter.query(), filter.pageNumber(), filter.pageSize());
        model.addAttribute("entries", page.entries());
        model.addAttribute("total", page.total());
        model.addAttribute("previous", page.page() > 0 ? link(filter, page.page() - 1) : null);
        model.addAttribute("next", (long) (page.page() + 1) * page.size() < page.total() ? link(filter, page.page() + 1)
                : null);
        return "admin/audit";
    }

    private static String link(AuditFilter f, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin/audit");
        param(url, "actor", f.actor());
        param(url, "action", f.action());
        param(url, "objectType", f.objectType());
        param(url, "objectId", f.objectId());
        param(url, "from", f.from());
        param(url, "to", f.to());
        if (f.size() != null) {
            url.queryParam("size", f.size());
        }
        url.queryParam("page", page);
        return url.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder url, String name, String value) {
        if (value != null && !value.isBlank()) {
            url.queryParam(name, value);
        }
    }
}
